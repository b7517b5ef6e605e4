import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { redisConnection } from './redis-connection.js';
import { RedisKeys, RedisModule } from './redis-keys.js';

/** Out of attempts: seconds until the next one. */
export class LimitReached extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`retry after ${retryAfterSeconds} s`);
  }
}

/** A counter of attempts per key over a window, shared by every process of the install. */
export class RateLimit {
  constructor(private readonly limiter: RateLimiterRedis) {}

  /** Takes one attempt for `key`, atomically, or throws LimitReached. */
  async take(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw new LimitReached(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
      throw e;
    }
  }

  /** Seconds until `key` may try again, or 0 when it may now (a look, taking nothing). */
  async blockedFor(key: string): Promise<number> {
    const res = await this.limiter.get(key).catch(() => null);
    return res && res.remainingPoints <= 0 && res.msBeforeNext > 0 ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  }

  /** Gives one attempt back (it did not count: the right password). */
  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(key).catch(() => undefined);
  }

  /** Forgets every attempt of `key`. */
  async forget(key: string): Promise<void> {
    await this.limiter.delete(key).catch(() => undefined);
  }
}

/**
 * Rate limits (rate-limiter-flexible) in Redis under this install's prefix.
 * When Redis does not answer or refuses writes, each process counts in memory
 * instead (the insurance limiter, for reads and writes alike): a limit holds
 * per process rather than not at all.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly keys: RedisKeys) {
    this.redis = redisConnection(config.env.REDIS_URL, 'producer');
  }

  /** `points` attempts per `seconds` for each key. */
  limit(name: string, points: number, seconds: number): RateLimit {
    return new RateLimit(new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: this.keys.key('limit', name),
      points,
      duration: seconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `limit-${name}`, points, duration: seconds }),
    }));
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

@Module({ imports: [RedisModule], providers: [RateLimits], exports: [RateLimits] })
export class RateLimitsModule {}
