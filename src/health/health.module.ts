import { Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis-keys.js';
import { HealthController } from './health.controller.js';
import { RedisProbe } from './redis-probe.js';
import { ZaloModule } from '../zalo/zalo.module.js';

@Module({ imports: [RedisModule, ZaloModule], controllers: [HealthController], providers: [RedisProbe] })
export class HealthModule {}
