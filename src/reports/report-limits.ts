import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { TooManyRequests } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { LimitReached, RateLimit, RateLimits } from '../redis/rate-limits.js';

/** The two costly things a person can ask of reports: a new version (a build and a stored snapshot), and a file. */
export type ReportWork = 'build' | 'export';

const REFUSALS: Record<ReportWork, { account: string; unit: string }> = {
  build: {
    account: 'Bạn đã lập quá nhiều phiên bản báo cáo trong thời gian ngắn',
    unit: 'Đơn vị đã lập quá nhiều phiên bản báo cáo trong thời gian ngắn',
  },
  export: {
    account: 'Bạn đã tải quá nhiều tệp báo cáo trong thời gian ngắn',
    unit: 'Đơn vị đã tải quá nhiều tệp báo cáo trong thời gian ngắn',
  },
};

/**
 * Builds and exports of reports per account and per unit, over a window
 * (src/redis/rate-limits.ts: in Redis, shared by every process of the
 * install, counted in memory while Redis fails). A request takes its point
 * before the work starts, in one atomic step, so concurrent requests cannot
 * all slip past the count. The automatic reports (the system) are not counted.
 */
@Injectable()
export class ReportLimits {
  private readonly limits: Record<ReportWork, { account: RateLimit; unit: RateLimit }>;

  constructor(@Inject(APP_CONFIG) config: AppConfig, limits: RateLimits) {
    const e = config.env;
    this.limits = {
      build: {
        account: limits.limit('report-build-account', e.REPORT_BUILDS_PER_ACCOUNT, e.REPORT_BUILD_WINDOW_SECONDS),
        unit: limits.limit('report-build-unit', e.REPORT_BUILDS_PER_UNIT, e.REPORT_BUILD_WINDOW_SECONDS),
      },
      export: {
        account: limits.limit('report-export-account', e.REPORT_EXPORTS_PER_ACCOUNT, e.REPORT_EXPORT_WINDOW_SECONDS),
        unit: limits.limit('report-export-unit', e.REPORT_EXPORTS_PER_UNIT, e.REPORT_EXPORT_WINDOW_SECONDS),
      },
    };
  }

  /** Takes one build or export for this person and the unit whose report it is, or throws TooManyRequests (429). */
  async take(work: ReportWork, actor: Actor, unitId: number): Promise<void> {
    if (actor.kind === 'system') return;
    const { account, unit } = this.limits[work];
    const person = String(actor.userId);
    await refusedAs(REFUSALS[work].account, () => account.take(person));
    try {
      await refusedAs(REFUSALS[work].unit, () => unit.take(String(unitId)));
    } catch (e) {
      // refused for the unit: the request does nothing, so it costs the person nothing
      await account.giveBack(person);
      throw e;
    }
  }
}

async function refusedAs(refusal: string, take: () => Promise<void>): Promise<void> {
  try {
    await take();
  } catch (e) {
    if (!(e instanceof LimitReached)) throw e;
    throw new TooManyRequests(`${refusal}; hãy thử lại sau ${e.retryAfterSeconds} giây`, e.retryAfterSeconds);
  }
}
