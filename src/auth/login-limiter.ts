import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { lazyRedis } from '../queue/queue.module.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';

/**
 * Counts failed sign-ins per username and per address over a sliding window
 * (a sorted set of failure times in Redis, shared by every server process).
 * When Redis does not answer, each process counts in memory instead: the
 * limit holds per process rather than not at all.
 */
@Injectable()
export class LoginLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger('LoginLimiter');
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly maxPerUser: number;
  private readonly maxPerAddress: number;
  private readonly windowMs: number;
  private readonly local = new Map<string, number[]>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = `${config.env.QUEUE_PREFIX}:login-fail`;
    this.maxPerUser = config.env.LOGIN_MAX_FAILURES;
    this.maxPerAddress = config.env.LOGIN_MAX_FAILURES_PER_ADDRESS;
    this.windowMs = config.env.LOGIN_WINDOW_SECONDS * 1000;
    this.redis = lazyRedis(config.env.REDIS_URL);
  }

  private keys(username: string, address: string): string[] {
    return [`${this.prefix}:u:${username.toLowerCase()}`, `${this.prefix}:ip:${address}`];
  }

  /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
  async retryAfter(username: string, address: string, now = Date.now()): Promise<number> {
    const since = now - this.windowMs;
    let oldest = Infinity;
    const [userKey, addressKey] = this.keys(username, address);
    for (const [key, max] of [[userKey, this.maxPerUser], [addressKey, this.maxPerAddress]] as const) {
      const times = await this.recent(key, since);
      if (times.length >= max) oldest = Math.min(oldest, times[times.length - max]);
    }
    return oldest === Infinity ? 0 : Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  async recordFailure(username: string, address: string, now = Date.now()): Promise<void> {
    for (const key of this.keys(username, address)) {
      try {
        await this.connected();
        await this.redis.multi()
          .zadd(key, now, `${now}-${Math.random().toString(36).slice(2, 8)}`)
          .zremrangebyscore(key, 0, now - this.windowMs)
          .pexpire(key, this.windowMs)
          .exec();
      } catch {
        this.local.set(key, [...(this.local.get(key) ?? []).filter((t) => t > now - this.windowMs), now]);
      }
    }
  }

  /** A correct password clears the username's failures (not the address's). */
  async clear(username: string): Promise<void> {
    const [key] = this.keys(username, '');
    this.local.delete(key);
    try {
      await this.connected();
      await this.redis.del(key);
    } catch {
      // counted in memory only
    }
  }

  private async recent(key: string, since: number): Promise<number[]> {
    try {
      await this.connected();
      const members = await this.redis.zrangebyscore(key, since, '+inf', 'WITHSCORES');
      const times: number[] = [];
      for (let i = 1; i < members.length; i += 2) times.push(Number(members[i]));
      return times;
    } catch {
      return (this.local.get(key) ?? []).filter((t) => t > since);
    }
  }

  private async connected(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') {
      await this.redis.connect().catch((e) => {
        this.logger.warn(`Redis không trả lời, đếm đăng nhập sai trong bộ nhớ: ${e.message}`);
        throw e;
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
