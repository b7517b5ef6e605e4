import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { RateLimit, RateLimits } from '../redis/rate-limits.js';

export { LimitReached as AttemptsExhausted } from '../redis/rate-limits.js';

/**
 * Failed sign-ins per username and per address, over a window, in Redis and
 * shared by every server process. An attempt takes its point BEFORE the
 * password is checked, in one atomic step, so concurrent guesses cannot all
 * pass the check; a right password gives the points back.
 */
@Injectable()
export class LoginLimiter {
  private readonly perUser: RateLimit;
  private readonly perAddress: RateLimit;

  constructor(@Inject(APP_CONFIG) config: AppConfig, limits: RateLimits) {
    const window = config.env.LOGIN_WINDOW_SECONDS;
    this.perUser = limits.limit('login-user', config.env.LOGIN_MAX_FAILURES, window);
    this.perAddress = limits.limit('login-address', config.env.LOGIN_MAX_FAILURES_PER_ADDRESS, window);
  }

  /** Takes an attempt for this username and address, or throws AttemptsExhausted. */
  async attempt(username: string, address: string): Promise<void> {
    await this.perAddress.take(address);
    await this.perUser.take(username.toLowerCase());
  }

  /** A right password: the username's failures are forgotten, and this attempt does not count against the address. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.perUser.forget(username.toLowerCase());
    await this.perAddress.giveBack(address);
  }
}

