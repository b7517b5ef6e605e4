import { Injectable } from '@nestjs/common';
import { OnJob } from '../queue/on-job.decorator.js';
import { JOBS, SCHEDULERS } from '../queue/queue-names.js';
import { AutoReportsService } from './auto-reports.service.js';

/** The reports' daily job. */
@Injectable()
export class ReportsProcessor {
  constructor(private readonly auto: AutoReportsService) {}

  /**
   * `now` may be given (tests, or re-running a missed day by hand). The job's
   * result, kept in Redis, names the reports made: not their snapshots.
   */
  @OnJob(JOBS.reports, { schedule: { id: SCHEDULERS.reportsDaily, pattern: '0 7 * * *' } })
  async daily(data?: { now?: string }): Promise<{ id: number; planId: number; period: string; year: number }[]> {
    const made = await this.auto.generateDue(data?.now ? new Date(data.now) : new Date());
    return made.map(({ id, planId, period, year }) => ({ id, planId, period, year }));
  }
}
