import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { REMINDERS_QUEUE } from './queue-names.js';

/** A Redis connection for BullMQ; workers need maxRetriesPerRequest null (blocking commands). */
export function redisConnection(url: string, opts: { failFast?: boolean } = {}): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: opts.failFast ? 1 : null,
    enableOfflineQueue: !opts.failFast,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  client.on('error', () => undefined);
  return client;
}

/**
 * A Redis connection for a quick question (is Redis up, how many failed sign-ins):
 * connects on first use, never queues a command while down, gives up within a second.
 */
export function lazyRedis(url: string): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 500, 5000),
  });
  client.on('error', () => undefined);
  return client;
}

/** The one place that sets attempts, backoff and retention of reminder jobs. */
export function reminderJobOptions(config: AppConfig, jobId: string, delayMs: number): JobsOptions {
  return {
    jobId,
    delay: Math.max(0, delayMs),
    attempts: 8,
    backoff: { type: 'exponential', delay: config.env.REMINDER_RETRY_MS },
    removeOnComplete: true,
    removeOnFail: { age: 30 * 86_400 },
  };
}

/**
 * The reminders queue as producers see it. Its connection fails fast: a
 * request that reschedules reminders while Redis is down still succeeds (the
 * database is the truth and the reconcile job rebuilds the schedule).
 */
@Injectable()
export class RemindersQueue implements OnApplicationShutdown {
  readonly queue: Queue;
  readonly connection: Redis;
  readonly prefix: string;
  private readonly logger = new Logger('Queue');

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = redisConnection(config.env.REDIS_URL, { failFast: true });
    this.prefix = config.env.QUEUE_PREFIX;
    this.queue = new Queue(REMINDERS_QUEUE, { connection: this.connection, prefix: this.prefix });
    this.queue.on('error', (e) => this.logger.warn(`Redis: ${e.message}`));
  }

  /** Waits (briefly) for the connection: the fail-fast client refuses commands until it is up. */
  async ready(timeoutMs = 3000): Promise<void> {
    if (this.connection.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.connection.off('ready', onReady);
        reject(new Error(`Redis không trả lời sau ${timeoutMs} ms`));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.connection.once('ready', onReady);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}

@Global()
@Module({ providers: [RemindersQueue], exports: [RemindersQueue] })
export class QueueModule {}
