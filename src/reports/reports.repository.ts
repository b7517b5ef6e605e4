import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsSelect, IsNull } from 'typeorm';
import type { PeriodCode } from './report-data.js';
import { Report } from './entities/report.entity.js';

/** A stored report without its snapshot: what lists and access checks need. */
export type ReportRow = Omit<Report, 'snapshot' | 'deletedAt' | 'plan'>;

/** The columns of a ReportRow, in the order the API has always answered them. */
const ROW: (keyof ReportRow)[] = [
  'id', 'planId', 'unitId', 'period', 'year', 'version', 'cutoff', 'trigger', 'autoKey', 'generatedAt', 'generatedBy', 'ratio', 'percent', 'summary',
];
const SELECT_ROW = Object.fromEntries(ROW.map((k) => [k, true])) as FindOptionsSelect<Report>;

/** Stored reports: immutable snapshots, one row a version; a deleted draft keeps its row, without its snapshot. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: DataSource) {}

  /** A report that has not been deleted, with its snapshot. */
  async withSnapshot(id: number, em: EntityManager = this.db.manager): Promise<(ReportRow & { snapshot: Buffer }) | null> {
    const r = await em.findOne(Report, { select: { ...SELECT_ROW, snapshot: true }, where: { id, deletedAt: IsNull() } });
    return r?.snapshot ? (r as ReportRow & { snapshot: Buffer }) : null;
  }

  /** The plan's reports that have not been deleted, newest first, without their snapshots. */
  ofPlan(em: EntityManager, planId: number): Promise<ReportRow[]> {
    return em.find(Report, { select: SELECT_ROW, where: { planId, deletedAt: IsNull() }, order: { year: 'DESC', id: 'DESC' } });
  }

  /** The latest version, deleted ones included (a new version never takes a deleted one's number). */
  latestVersion(em: EntityManager, planId: number, period: PeriodCode, year: number): Promise<number> {
    return em.findOne(Report, { select: { id: true, version: true }, where: { planId, period, year }, order: { version: 'DESC' } }).then((r) => r?.version ?? 0);
  }

  /** The latest report of this kind that has not been deleted, with its snapshot. */
  async latest(em: EntityManager, planId: number, period: PeriodCode, year: number, trigger: Report['trigger']) {
    const r = await em.findOne(Report, { select: { id: true }, where: { planId, period, year, trigger, deletedAt: IsNull() }, order: { version: 'DESC' } });
    return r ? this.withSnapshot(r.id, em) : null;
  }

  hasAuto(autoKey: string, em: EntityManager = this.db.manager): Promise<boolean> {
    return em.existsBy(Report, { autoKey });
  }

  async save(em: EntityManager, report: Partial<Report>): Promise<ReportRow> {
    const saved = await em.save(em.create(Report, report));
    return Object.fromEntries(ROW.map((k) => [k, saved[k]])) as ReportRow;
  }

  /** Drops the snapshot of a draft and marks it deleted; false when it was already gone. */
  async markDeleted(em: EntityManager, id: number): Promise<boolean> {
    const result = await em.update(Report, { id, trigger: 'manual', deletedAt: IsNull() }, { snapshot: null, deletedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }
}
