import { Injectable } from '@nestjs/common';
import { OnJob } from '../queue/on-job.decorator.js';
import { JOBS, SCHEDULERS } from '../queue/queue-names.js';
import { AutoReportsService } from './auto-reports.service.js';
import type { Report } from './entities/report.entity.js';

/** The reports' daily job. */
@Injectable()
export class ReportsProcessor {
  constructor(private readonly auto: AutoReportsService) {}

  /** `now` may be given (tests, or re-running a missed day by hand). */
  @OnJob(JOBS.reports, { schedule: { id: SCHEDULERS.reportsDaily, pattern: '0 7 * * *' } })
  daily(data?: { now?: string }): Promise<Report[]> {
    return this.auto.generateDue(data?.now ? new Date(data.now) : new Date());
  }
}
