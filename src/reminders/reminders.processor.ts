import { Injectable, Logger } from '@nestjs/common';
import { OnJob } from '../queue/on-job.decorator.js';
import { JOBS, SCHEDULERS } from '../queue/queue-names.js';
import { DeliveryOutcome, ReminderDeliveryService } from './reminder-delivery.service.js';
import { ReminderScheduler } from './reminder-scheduler.service.js';
import type { RemindJobData } from './reminder-scheduler.service.js';

/** The reminders' jobs: each translates the job and calls one service method. */
@Injectable()
export class RemindersProcessor {
  private readonly logger = new Logger('Reminders');

  constructor(private readonly delivery: ReminderDeliveryService, private readonly scheduler: ReminderScheduler) {}

  @OnJob(JOBS.remind)
  remind(data: RemindJobData): Promise<DeliveryOutcome> {
    return this.delivery.deliver(data);
  }

  /**
   * The sweep, every 10 minutes and once at start-up: the reminders due within
   * the horizon go into Redis; after Redis lost its data, or a stop, they come back.
   */
  @OnJob(JOBS.reconcile, { schedule: { id: SCHEDULERS.reconcileSweep, pattern: '*/10 * * * *' }, atStart: true })
  async reconcile(): Promise<{ added: number; removed: number; kept: number }> {
    const result = await this.scheduler.reconcile();
    if (result.added || result.removed) {
      this.logger.log(`Đối soát lịch nhắc việc: thêm ${result.added}, bỏ ${result.removed}, giữ ${result.kept}`);
    }
    return result;
  }

  /** Every 10 minutes: the digests of the units whose reminder time has come today (once a day each). */
  @OnJob(JOBS.digest, { schedule: { id: SCHEDULERS.digestSweep, pattern: '*/10 * * * *' } })
  digest(): Promise<number> {
    return this.delivery.sendDigests();
  }
}
