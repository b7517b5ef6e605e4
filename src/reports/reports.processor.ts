import { Injectable } from '@nestjs/common';
import { OnJob } from '../queue/on-job.decorator.js';
import { JOBS, SCHEDULERS } from '../queue/queue-names.js';
import { AutoReportsService } from './auto-reports.service.js';
import { ReportRemindersService } from './report-reminders.service.js';

/** The reports' daily jobs: the automatic reports, and the reminders before reports are due. */
@Injectable()
export class ReportsProcessor {
  constructor(private readonly auto: AutoReportsService, private readonly reminders: ReportRemindersService) {}

  /**
   * `now` may be given (tests, or re-running a missed day by hand). The job's
   * result, kept in Redis, names the reports made: not their snapshots.
   */
  @OnJob(JOBS.reports, { schedule: { id: SCHEDULERS.reportsDaily, pattern: '0 7 * * *' } })
  async daily(data?: { now?: string }): Promise<{ id: number; planId: number; period: string; year: number }[]> {
    const made = await this.auto.generateDue(data?.now ? new Date(data.now) : new Date());
    return made.map(({ id, planId, period, year }) => ({ id, planId, period, year }));
  }

  /** Reminds each unit's reporter and chairman three days before a report is due, once per plan and due date. */
  @OnJob(JOBS.reportReminders, { schedule: { id: SCHEDULERS.reportRemindersDaily, pattern: '0 8 * * *' } })
  async remindDue(data?: { now?: string }): Promise<{ planId: number; dueOn: string; recipients: number }[]> {
    return this.reminders.remindDue(data?.now ? new Date(data.now) : new Date());
  }
}
