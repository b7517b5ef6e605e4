import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PeriodCode } from './report-data.js';
import { Report } from './entities/report.entity.js';

/** Stored reports: immutable snapshots, one row a version. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: DataSource) {}

  byId(id: number): Promise<Report | null> {
    return this.db.getRepository(Report).findOneBy({ id });
  }

  ofPlan(em: EntityManager, planId: number): Promise<Report[]> {
    return em.find(Report, { where: { planId }, order: { year: 'DESC', id: 'DESC' } });
  }

  latest(em: EntityManager, planId: number, period: PeriodCode, year: number, trigger?: Report['trigger']): Promise<Report | null> {
    return em.findOne(Report, { where: { planId, period, year, ...(trigger ? { trigger } : {}) }, order: { version: 'DESC' } });
  }

  hasAuto(autoKey: string, em: EntityManager = this.db.manager): Promise<boolean> {
    return em.existsBy(Report, { autoKey });
  }

  save(em: EntityManager, report: Partial<Report>): Promise<Report> {
    return em.save(em.create(Report, report));
  }
}
