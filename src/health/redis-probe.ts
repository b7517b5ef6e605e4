import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { connected, redisConnection } from '../redis/redis-connection.js';
import { RedisKeys } from '../redis/redis-keys.js';

export type RedisHealth =
  | { status: 'up' }
  /** Answers, but refuses writes (maxmemory reached, read-only replica, failed snapshot): nothing can be scheduled. */
  | { status: 'refusing-writes'; error: string }
  | { status: 'down'; error: string };

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

/**
 * A Redis connection used only to tell whether Redis answers and takes
 * writes. It never blocks start-up: the API serves plans with Redis down, and
 * says so in /api/health.
 */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  private readonly client: Redis;
  private readonly key: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig, keys: RedisKeys) {
    this.client = redisConnection(config.env.REDIS_URL, 'quick');
    this.key = keys.key('health-probe');
  }

  async check(): Promise<RedisHealth> {
    try {
      await connected(this.client);
      const answer = await within(this.client.ping(), 1000);
      if (answer !== 'PONG') return { status: 'down', error: String(answer) };
    } catch (e) {
      return { status: 'down', error: (e as Error).message };
    }
    try {
      // a write, as scheduling a reminder or counting a failed sign-in is
      await within(this.client.set(this.key, String(Date.now()), 'PX', 10_000), 1000);
      return { status: 'up' };
    } catch (e) {
      return { status: 'refusing-writes', error: (e as Error).message };
    }
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}
