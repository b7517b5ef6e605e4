import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RedisModule } from '../redis/redis-keys.js';
import { JobHandlers } from './job-handlers.js';
import { JobSchedulers } from './job-schedulers.service.js';
import { Queues } from './queues.service.js';
import { Workers } from './workers.service.js';

/**
 * The queue wiring: the queues, the workers that route jobs by name to the
 * handlers features declare with @OnJob, and the recurring jobs. It imports
 * no feature; features that enqueue import this module for Queues.
 */
@Module({
  imports: [DiscoveryModule, RedisModule],
  providers: [Queues, JobHandlers, Workers, JobSchedulers],
  exports: [Queues, RedisModule],
})
export class QueueModule {}
