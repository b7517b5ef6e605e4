import { Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis-keys.js';
import { ZaloRepository } from './zalo.repository.js';
import { ZaloService } from './zalo.service.js';

/** Zalo (ZNS): the Official Account's tokens and the sending of templated messages; used by notifications. */
@Module({
  imports: [RedisModule],
  providers: [ZaloService, ZaloRepository],
  exports: [ZaloService, ZaloRepository],
})
export class ZaloModule {}
