import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TIME_ZONE } from '../common/local-date.js';
import { JobHandlers } from './job-handlers.js';
import { Queues } from './queues.service.js';

/**
 * At start-up, once Redis answers: the recurring jobs the features declared
 * (@OnJob's schedule), upserted under stable ids (so never twice), then the
 * handlers marked atStart (the first reconcile), and a warning when Redis may
 * evict our jobs.
 */
@Injectable()
export class JobSchedulers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private starting: Promise<void> = Promise.resolve();

  constructor(private readonly queues: Queues, private readonly handlers: JobHandlers) {}

  onApplicationBootstrap(): void {
    // not awaited: the API serves plans even while Redis is away
    this.starting = this.start().catch((e: Error) =>
      this.logger.warn(`Redis chưa sẵn sàng (${e.message}); lịch nhắc việc sẽ được dựng lại khi Redis trở lại`));
  }

  /** Resolves once the recurring jobs are in place and the start-up jobs ran (or failed). */
  whenStarted(): Promise<void> {
    return this.starting;
  }

  /** A shutdown right after start waits for the start-up jobs, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.starting;
  }

  private async start(): Promise<void> {
    await this.queues.ready(10_000);
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
