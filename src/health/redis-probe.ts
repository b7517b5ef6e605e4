import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { connected, redisConnection } from '../redis/redis-connection.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';

/**
 * A Redis connection used only to tell whether Redis answers. It never blocks
 * start-up: the API serves plans with Redis down, and says so in /api/health.
 */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  private readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = redisConnection(config.env.REDIS_URL, 'quick');
  }

  async ping(): Promise<{ status: 'up' | 'down'; error?: string }> {
    try {
      await connected(this.client);
      const answer = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),
      ]);
      return answer === 'PONG' ? { status: 'up' } : { status: 'down', error: String(answer) };
    } catch (e) {
      return { status: 'down', error: (e as Error).message };
    }
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}
