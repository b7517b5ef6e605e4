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

  /** Hourly, and once at start-up: after Redis lost its data, this brings every reminder back. */
  @OnJob(JOBS.reconcile, { schedule: { id: SCHEDULERS.reconcileHourly, pattern: '0 * * * *' }, atStart: true })
  async reconcile(): Promise<{ added: number; removed: number; kept: number }> {
    const result = await this.scheduler.reconcile();
    if (result.added || result.removed) {
      this.logger.log(`Đối soát lịch nhắc việc: thêm ${result.added}, bỏ ${result.removed}, giữ ${result.kept}`);
    }
    return result;
  }

  @OnJob(JOBS.digest, { schedule: { id: SCHEDULERS.digestDaily, pattern: '30 7 * * *' } })
  digest(): Promise<number> {
    return this.delivery.sendDigests();
  }
}
