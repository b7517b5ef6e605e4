import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { redisConnection } from '../redis/redis-connection.js';
import { RedisKeys } from '../redis/redis-keys.js';
import { JOB_QUEUE, JobName, QUEUES, QueueName } from './queue-names.js';

/**
 * The product's queues as producers see them, under this install's key prefix.
 * Their connection fails fast: a request that reschedules reminders while
 * Redis is down still succeeds (the database is the truth and the reconcile
 * job rebuilds the schedule).
 */
@Injectable()
export class Queues implements OnApplicationShutdown {
  readonly connection: Redis;
  readonly prefix: string;
  private readonly queues: Map<QueueName, Queue>;
  private readonly logger = new Logger('Queue');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, keys: RedisKeys) {
    this.connection = redisConnection(config.env.REDIS_URL, 'producer');
    this.prefix = keys.prefix;
    this.queues = new Map(Object.values(QUEUES).map((name) => {
      const queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      queue.on('error', (e) => this.logger.warn(`Redis: ${e.message}`));
      return [name, queue];
    }));
  }

  /** The queue a job goes on. */
  for(job: JobName): Queue {
    return this.named(JOB_QUEUE[job]);
  }

  named(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  /** The one place that sets attempts, backoff and retention of a delayed job. */
  jobOptions(jobId: string, delayMs: number): JobsOptions {
    return {
      jobId,
      delay: Math.max(0, delayMs),
      attempts: 8,
      backoff: { type: 'exponential', delay: this.config.env.REMINDER_RETRY_MS },
      removeOnComplete: true,
      removeOnFail: { age: 30 * 86_400 },
    };
  }

  /** Waits (briefly) for the connection: the fail-fast client refuses commands until it is up. */
  async ready(timeoutMs = 3000): Promise<void> {
    if (this.connection.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.connection.off('ready', onReady);
        reject(new Error(`Redis không trả lời sau ${timeoutMs} ms`));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.connection.once('ready', onReady);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}
