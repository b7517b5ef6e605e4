import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TIME_ZONE } from '../common/local-date.js';
import { RemindersQueue } from './queue.module.js';
import { JOBS, SCHEDULERS } from './queue-names.js';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service.js';

/**
 * At start-up: the recurring jobs, upserted under stable ids (so never twice),
 * a first reconcile, and a warning when Redis may evict our jobs.
 */
@Injectable()
export class JobSchedulers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reminders');

  constructor(private readonly reminders: RemindersQueue, private readonly scheduler: ReminderScheduler) {}

  private starting: Promise<void> = Promise.resolve();

  onApplicationBootstrap(): void {
    // not awaited: the API serves plans even while Redis is away
    this.starting = this.start().catch((e: Error) =>
      this.logger.warn(`Redis chưa sẵn sàng (${e.message}); lịch nhắc việc sẽ được dựng lại khi Redis trở lại`));
  }

  /** Resolves once the recurring jobs are in place and the first reconcile ran (or failed). */
  whenStarted(): Promise<void> {
    return this.starting;
  }

  /** A shutdown right after start waits for the first reconcile, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.starting;
  }

  private async start(): Promise<void> {
    await this.reminders.ready(10_000);
    await this.warnAboutEviction();
    const queue = this.reminders.queue;
    await queue.upsertJobScheduler(SCHEDULERS.reconcileHourly, { pattern: '0 * * * *', tz: TIME_ZONE }, { name: JOBS.reconcile });
    await queue.upsertJobScheduler(SCHEDULERS.digestDaily, { pattern: '30 7 * * *', tz: TIME_ZONE }, { name: JOBS.digest });
    await queue.upsertJobScheduler(SCHEDULERS.reportsDaily, { pattern: '0 7 * * *', tz: TIME_ZONE }, { name: JOBS.reports });
    await queue.upsertJobScheduler(SCHEDULERS.sessionsDaily, { pattern: '0 3 * * *', tz: TIME_ZONE }, { name: JOBS.pruneSessions });
    const result = await this.scheduler.reconcile();
    this.logger.log(`Đối soát lịch nhắc việc: thêm ${result.added}, bỏ ${result.removed}, giữ ${result.kept}`);
  }

  private async warnAboutEviction(): Promise<void> {
    const warning = await this.evictionWarning();
    if (warning) this.logger.warn(warning);
  }

  /** A Redis that may evict keys under memory pressure may silently drop reminders. */
  async evictionWarning(): Promise<string | null> {
    const reply = (await this.reminders.connection.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply?.[1];
    return policy && policy !== 'noeviction'
      ? `Redis đang dùng maxmemory-policy=${policy}: khi đầy bộ nhớ, Redis có thể xóa lịch nhắc việc. Hãy đặt maxmemory-policy noeviction.`
      : null;
  }
}
