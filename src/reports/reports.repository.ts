import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsSelect, In, IsNull } from 'typeorm';
import type { PeriodCode } from './report-data.js';
import { Report } from './entities/report.entity.js';

/** A stored report without its snapshot: what lists and access checks need. */
export type ReportRow = Omit<Report, 'snapshot' | 'deletedAt' | 'plan'>;

/** The columns of a ReportRow, in the order the API has always answered them. */
const ROW: (keyof ReportRow)[] = [
  'id', 'planId', 'unitId', 'period', 'year', 'version', 'cutoff', 'trigger', 'autoKey', 'generatedAt', 'generatedBy', 'ratio', 'percent', 'summary',
  'finalAt', 'finalizedBy', 'revision',
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

  /**
   * The final version a new draft is pre-filled from: the unit's latest final
   * report cut off before `cutoff` (the previous period's, this plan's or the
   * previous year's), else null.
   */
  async previousFinal(em: EntityManager, unitId: number, cutoff: string) {
    const r = await em.createQueryBuilder(Report, 'r').select('r.id', 'id')
      .where('r.unit_id = :unitId AND r.cutoff < :cutoff AND r.final_at IS NOT NULL AND r.deleted_at IS NULL', { unitId, cutoff })
      .orderBy('r.cutoff', 'DESC').addOrderBy('r.version', 'DESC').limit(1).getRawOne<{ id: number }>();
    return r ? this.withSnapshot(Number(r.id), em) : null;
  }

  /**
   * Rewrites a draft's snapshot after an edit, if it is still a draft at the
   * revision the caller read; false otherwise (nothing written).
   */
  async saveDraft(em: EntityManager, id: number, revision: number, snapshot: Buffer): Promise<boolean> {
    const result = await em.createQueryBuilder().update(Report)
      .set({ snapshot, revision: () => 'revision + 1' })
      .where('id = :id AND revision = :revision AND final_at IS NULL AND deleted_at IS NULL', { id, revision })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Marks a draft final; false when it was not a draft at that revision. */
  async markFinal(em: EntityManager, id: number, revision: number, by: string): Promise<boolean> {
    const result = await em.createQueryBuilder().update(Report)
      .set({ finalAt: new Date(), finalizedBy: by, revision: () => 'revision + 1' })
      .where('id = :id AND revision = :revision AND final_at IS NULL AND deleted_at IS NULL', { id, revision })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Marks a version final as of its generation (an automatic one); answers the two columns. */
  async finalAtGeneration(em: EntityManager, id: number, by: string): Promise<Pick<ReportRow, 'finalAt' | 'finalizedBy'>> {
    await em.createQueryBuilder().update(Report).set({ finalAt: () => 'generated_at', finalizedBy: by }).where('id = :id', { id }).execute();
    const r = await em.findOne(Report, { select: { id: true, finalAt: true, finalizedBy: true }, where: { id } });
    return { finalAt: r!.finalAt, finalizedBy: r!.finalizedBy };
  }

  /** The versions of a plan for these periods of a year that have not been deleted, newest first, without snapshots. */
  ofPlanPeriods(planId: number, periods: PeriodCode[], year: number, em: EntityManager = this.db.manager): Promise<ReportRow[]> {
    return em.find(Report, { select: SELECT_ROW, where: { planId, year, period: In(periods), deletedAt: IsNull() }, order: { id: 'DESC' } });
  }

  hasAuto(autoKey: string, em: EntityManager = this.db.manager): Promise<boolean> {
    return em.existsBy(Report, { autoKey });
  }

  async save(em: EntityManager, report: Partial<Report>): Promise<ReportRow> {
    const saved = await em.save(em.create(Report, report));
    return Object.fromEntries(ROW.map((k) => [k, saved[k]])) as ReportRow;
  }

  /** Drops the snapshot of a draft and marks it deleted; false when it was already gone (or is final). */
  async markDeleted(em: EntityManager, id: number): Promise<boolean> {
    const result = await em.update(Report, { id, finalAt: IsNull(), deletedAt: IsNull() }, { snapshot: null, deletedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }
}
