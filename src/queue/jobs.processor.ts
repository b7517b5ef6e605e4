import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { redisConnection } from './queue.module.js';
import { JOBS, REMINDERS_QUEUE } from './queue-names.js';
import { ReminderDeliveryService } from '../reminders/reminder-delivery.service.js';
import { RemindJobData, ReminderScheduler } from '../reminders/reminder-scheduler.service.js';
import { ReportsService } from '../reports/reports.service.js';
import { AuthService } from '../auth/auth.service.js';

type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Set by src/worker.ts: the process exists to run the worker, whatever WORKER says. */
export const FORCE_WORKER = Symbol('FORCE_WORKER');

/**
 * The BullMQ worker of the product's queue: it only routes each job to one
 * service method (reminders, digests, reconcile, reports, sessions). The handler map is
 * typed by job name, so a job without a handler does not compile.
 */
@Injectable()
export class JobsProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private worker: Worker | null = null;
  private connection: Redis | null = null;

  private readonly handlers: Record<JobName, (job: Job) => Promise<unknown>> = {
    [JOBS.remind]: (job) => this.delivery.deliver(job.data as RemindJobData),
    [JOBS.reconcile]: () => this.scheduler.reconcile(),
    [JOBS.digest]: () => this.delivery.sendDigests(),
    // `now` may be given (tests, or re-running a missed day by hand)
    [JOBS.reports]: (job) => this.reports.generateDue(job.data?.now ? new Date(job.data.now as string) : new Date()),
    [JOBS.pruneSessions]: () => this.auth.pruneSessions(),
  };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FORCE_WORKER) private readonly forced: boolean,
    private readonly delivery: ReminderDeliveryService,
    private readonly scheduler: ReminderScheduler,
    private readonly reports: ReportsService,
    private readonly auth: AuthService,
  ) {}

  get running(): boolean {
    return this.worker !== null;
  }

  onApplicationBootstrap(): void {
    if (this.config.env.WORKER !== 'inline' && !this.forced) return;
    this.connection = redisConnection(this.config.env.REDIS_URL);
    const lock = this.config.env.REMINDER_LOCK_MS;
    this.worker = new Worker(REMINDERS_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.env.QUEUE_PREFIX,
      concurrency: 5,
      // a worker that dies mid-job loses its lock; another takes the job over after this long
      lockDuration: lock,
      stalledInterval: lock,
      maxStalledCount: 5,
    });
    this.worker.on('failed', (job, e) => this.logger.warn(`Lỗi khi xử lý ${job?.id ?? '?'} (lần ${job?.attemptsMade ?? '?'}): ${e.message}`));
    this.worker.on('error', (e) => this.logger.warn(`Redis: ${e.message}`));
  }

  private process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName];
    if (!handler) throw new Error(`Không có xử lý cho công việc "${job.name}"`);
    return handler(job);
  }

  /** Finishes the jobs in hand and takes no new ones, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close().catch(() => undefined);
    this.connection?.disconnect();
  }
}
