import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { redisConnection } from '../redis/redis-connection.js';
import { RedisKeys } from '../redis/redis-keys.js';
import { JobHandlers } from './job-handlers.js';
import { QUEUES, QueueName } from './queue-names.js';

/** How many jobs of each queue one process works at once (the reminders': REMINDER_CONCURRENCY). */
const CONCURRENCY: Record<Exclude<QueueName, 'reminders'>, number> = { reports: 1, maintenance: 1 };

/**
 * One BullMQ worker per queue, routing each job by its name to the handler a
 * feature declared. In the server by default (WORKER=inline); src/worker.ts
 * runs them in a process of its own.
 */
@Injectable()
export class Workers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private workers: Worker[] = [];
  private connection: Redis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: RedisKeys,
    private readonly handlers: JobHandlers,
  ) {}

  get running(): boolean {
    return this.workers.length > 0;
  }

  onApplicationBootstrap(): void {
    if (this.config.env.WORKER !== 'inline') return;
    this.connection = redisConnection(this.config.env.REDIS_URL, 'worker');
    const lock = this.config.env.REMINDER_LOCK_MS;
    for (const name of Object.values(QUEUES)) {
      const worker = new Worker(name, (job) => this.process(job), {
        connection: this.connection,
        prefix: this.keys.prefix,
        concurrency: name === QUEUES.reminders ? this.config.env.REMINDER_CONCURRENCY : CONCURRENCY[name],
        // a worker that dies mid-job loses its lock; another takes the job over after this long
        lockDuration: lock,
        stalledInterval: lock,
        maxStalledCount: 5,
      });
      worker.on('failed', (job, e) => this.logger.warn(`Lỗi khi xử lý ${job?.id ?? '?'} (lần ${job?.attemptsMade ?? '?'}): ${e.message}`));
      worker.on('error', (e) => this.logger.warn(`Redis: ${e.message}`));
      this.workers.push(worker);
    }
  }

  private process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`Không có xử lý cho công việc "${job.name}"`);
    return handler.run(job.data);
  }

  /** Finishes the jobs in hand and takes no new ones, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
    this.connection?.disconnect();
  }
}
