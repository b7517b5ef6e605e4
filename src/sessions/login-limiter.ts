import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { redisConnection } from '../redis/redis-connection.js';
import { RedisKeys } from '../redis/redis-keys.js';

/** Seconds to wait before the next attempt. */
export class AttemptsExhausted extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`retry after ${retryAfterSeconds} s`);
  }
}

/**
 * Failed sign-ins per username and per address, over a window
 * (rate-limiter-flexible, in Redis, shared by every server process of the
 * install). An attempt takes its point BEFORE the password is checked, in one
 * atomic step, so concurrent guesses cannot all pass the check; a right
 * password gives the points back. When Redis does not answer or refuses
 * writes, each process counts in memory instead: the limit holds per process
 * rather than not at all.
 */
@Injectable()
export class LoginLimiter implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly perUser: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(@Inject(APP_CONFIG) config: AppConfig, keys: RedisKeys) {
    this.redis = redisConnection(config.env.REDIS_URL, 'producer');
    const duration = config.env.LOGIN_WINDOW_SECONDS;
    const limiter = (name: string, points: number) => new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: keys.key('login', name),
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `login-${name}`, points, duration }),
    });
    this.perUser = limiter('user', config.env.LOGIN_MAX_FAILURES);
    this.perAddress = limiter('address', config.env.LOGIN_MAX_FAILURES_PER_ADDRESS);
  }

  /** Takes an attempt for this username and address, or throws AttemptsExhausted. */
  async attempt(username: string, address: string): Promise<void> {
    try {
      await this.perAddress.consume(address);
      await this.perUser.consume(username.toLowerCase());
    } catch (e) {
      if (e instanceof RateLimiterRes) throw new AttemptsExhausted(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
      throw e;
    }
  }

  /** A right password: the username's failures are forgotten, and this attempt does not count against the address. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.perUser.delete(username.toLowerCase()).catch(() => undefined);
    await this.perAddress.reward(address).catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
