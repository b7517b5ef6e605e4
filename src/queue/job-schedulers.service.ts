import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TIME_ZONE } from '../common/local-date.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { JobHandlers } from './job-handlers.js';
import { Queues } from './queues.service.js';

/**
 * Once Redis answers: the recurring jobs the features declared (@OnJob's
 * schedule), upserted under stable ids (so never twice), then the handlers
 * marked atStart (the reconcile that rebuilds every reminder from the
 * database), and a warning when Redis may evict our jobs.
 *
 * The recurring jobs live in Redis, which may lose them (FLUSHALL, a Redis
 * without persistence restarted) or may not be there when the server starts.
 * So this runs again whenever the connection comes (back) up, and a timer of
 * the process's own, not in Redis, checks every SCHEDULE_CHECK_SECONDS that
 * the recurring jobs are still there, and runs it again when they are not.
 */
@Injectable()
export class JobSchedulers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private starting: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** start() is waiting for the connection: the 'ready' it waits for is not a reconnection. */
  private awaitingReady = false;

  constructor(
    private readonly queues: Queues,
    private readonly handlers: JobHandlers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // not awaited: the API serves plans even while Redis is away
    this.starting = this.run(() => this.start(10_000));
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.config.env.SCHEDULE_CHECK_SECONDS * 1000);
    this.timer.unref();
    // after a reconnection Redis may be a new, empty one
    this.queues.connection.on('ready', () => {
      if (!this.stopped && !this.awaitingReady) this.starting = this.starting.then(() => this.run(() => this.start(3000)));
    });
  }

  /** Resolves once the recurring jobs are in place and the start-up jobs ran (or failed). */
  whenStarted(): Promise<void> {
    return this.starting;
  }

  /** A shutdown right after start waits for the start-up jobs, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.starting;
  }

  /** The timer's check: are the recurring jobs still there? If not, put everything back. */
  async check(): Promise<boolean> {
    if (this.stopped || this.queues.connection.status !== 'ready') return false;
    let missing: string[];
    try {
      missing = await this.missingSchedules();
    } catch {
      return false;
    }
    if (!missing.length) return false;
    this.logger.warn(`Redis đã mất lịch định kỳ (${missing.join(', ')}): dựng lại lịch và nhắc việc từ cơ sở dữ liệu`);
    this.starting = this.starting.then(() => this.run(() => this.start(3000)));
    await this.starting;
    return true;
  }

  async missingSchedules(): Promise<string[]> {
    const missing: string[] = [];
    for (const h of this.handlers.all()) {
      if (h.schedule && !(await this.queues.for(h.name).getJobScheduler(h.schedule.id))) missing.push(h.schedule.id);
    }
    return missing;
  }

  private run(work: () => Promise<void>): Promise<void> {
    return work().catch((e: Error) =>
      this.logger.warn(`Redis chưa sẵn sàng (${e.message}); lịch nhắc việc sẽ được dựng lại khi Redis trở lại`));
  }

  private async start(readyWithinMs: number): Promise<void> {
    this.awaitingReady = true;
    try {
      await this.queues.ready(readyWithinMs);
    } finally {
      this.awaitingReady = false;
    }
    const warning = await this.evictionWarning();
    if (warning) this.logger.warn(warning);
    for (const h of this.handlers.all()) {
      if (!h.schedule) continue;
      await this.queues.for(h.name).upsertJobScheduler(h.schedule.id, { pattern: h.schedule.pattern, tz: TIME_ZONE }, { name: h.name });
    }
    for (const h of this.handlers.all()) if (h.atStart) await h.run({});
  }

  /** A Redis that may evict keys under memory pressure may silently drop reminders. */
  async evictionWarning(): Promise<string | null> {
    const reply = (await this.queues.connection.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply?.[1];
    return policy && policy !== 'noeviction'
      ? `Redis đang dùng maxmemory-policy=${policy}: khi đầy bộ nhớ, Redis có thể xóa lịch nhắc việc. Hãy đặt maxmemory-policy noeviction.`
      : null;
  }
}
