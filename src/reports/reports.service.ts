import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { Conflict, NotFound } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { GeneratePayload } from './dto/report.dto.js';
import { ReportBuilder } from './report-builder.service.js';
import type { PeriodCode, ReportData } from './report-data.js';
import { ReportLimits } from './report-limits.js';
import { packReport, unpackReport } from './report-snapshot.js';
import { ReportRow, ReportsRepository } from './reports.repository.js';

/** A stored report as the API answers it: the row, and what the report says. */
export type StoredReport = Omit<ReportRow, 'ratio' | 'percent' | 'summary'> & { data: ReportData };
/** A version in the plan's list: the row and its headline figures. */
export type ReportVersion = ReportRow;

export const FINAL_REPORT = 'Báo cáo tự động là bản chính thức của kỳ báo cáo, không xóa được';

function stored(r: ReportRow, data: ReportData): StoredReport {
  return {
    id: r.id, planId: r.planId, unitId: r.unitId, period: r.period, year: r.year, version: r.version, cutoff: r.cutoff,
    trigger: r.trigger, autoKey: r.autoKey, generatedAt: r.generatedAt, generatedBy: r.generatedBy, data,
  };
}

/** What the audit trail says of a version. */
function described(r: ReportRow) {
  return { planId: r.planId, period: r.period, year: r.year, version: r.version, trigger: r.trigger, summary: r.summary };
}

/**
 * Periodic reports: computed from the plan as of the cut-off, stored as
 * immutable snapshots, one version each time. Automatic versions are final;
 * a person's versions are drafts the chairman may delete.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly tx: Transactions,
    private readonly builder: ReportBuilder,
    private readonly repo: ReportsRepository,
    private readonly plans: PlansRepository,
    private readonly limits: ReportLimits,
  ) {}

  preview(planId: number, code: PeriodCode, year: number): Promise<ReportData> {
    return this.tx.read((em) => this.builder.build(planId, code, year, {}, em));
  }

  /** Stores a new version of a report (a person asked for it), within the person's and the unit's limits. */
  async generate(actor: Actor, planId: number, dto: GeneratePayload): Promise<StoredReport> {
    const plan = await this.plans.load(planId);
    if (!plan) throw new NotFound('kế hoạch', planId);
    await this.limits.take('build', actor, plan.unitId);
    const entered = Object.fromEntries((dto.annex ?? []).map((e) => [e.code, e.value]));
    return this.tx.run((em) => this.store(em, planId, dto.period, dto.year, entered, 'manual', actor));
  }

  /** Computes and stores the next version, in the caller's transaction. */
  async store(
    em: EntityManager, planId: number, code: PeriodCode, year: number, entered: Record<string, string | number | null>,
    trigger: 'auto' | 'manual', actor: Actor,
  ): Promise<StoredReport> {
    const by = actor.kind === 'system' ? `${actor.name} (tự động)` : actor.name;
    const data = await this.builder.build(planId, code, year, entered, em);
    data.version = (await this.repo.latestVersion(em, planId, code, year)) + 1;
    data.generatedBy = by;
    const saved = await this.repo.save(em, {
      planId, unitId: data.unit.id, period: code, year, version: data.version, cutoff: data.period.cutoff, trigger,
      autoKey: trigger === 'auto' ? `${planId}|${code}|${year}` : null, generatedBy: by,
      ratio: data.figures.ratio, percent: data.figures.percent, summary: data.figures.summary, snapshot: await packReport(data),
    });
    await audit(em, actor, {
      unitId: saved.unitId, entity: 'report', entityId: saved.id, action: 'generated',
      changes: { report: { from: null, to: described(saved) } },
    });
    return stored(saved, data);
  }

  list(planId: number): Promise<ReportVersion[]> {
    return this.tx.read(async (em) => {
      if (!(await this.plans.exists(planId, em))) throw new NotFound('kế hoạch', planId);
      return this.repo.ofPlan(em, planId);
    });
  }

  async get(id: number): Promise<StoredReport> {
    const r = await this.repo.withSnapshot(id);
    if (!r) throw new NotFound('báo cáo', id);
    return stored(r, await unpackReport(r.snapshot));
  }

  /** The latest version of a kind that still stands (the automatic report carries a person's annex entries over). */
  async latest(em: EntityManager, planId: number, code: PeriodCode, year: number, trigger: 'auto' | 'manual'): Promise<StoredReport | null> {
    const r = await this.repo.latest(em, planId, code, year, trigger);
    return r ? stored(r, await unpackReport(r.snapshot)) : null;
  }

  /**
   * Deletes a draft: its snapshot goes, its row stays marked (the next version
   * does not take its number), and the audit trail records who deleted which.
   * An automatic report is final: 409.
   */
  remove(actor: Actor, id: number): Promise<void> {
    return this.tx.run(async (em) => {
      const r = await this.repo.withSnapshot(id, em);
      if (!r) throw new NotFound('báo cáo', id);
      if (r.trigger === 'auto') throw new Conflict(FINAL_REPORT);
      if (!(await this.repo.markDeleted(em, id))) throw new NotFound('báo cáo', id);
      await audit(em, actor, {
        unitId: r.unitId, entity: 'report', entityId: id, action: 'deleted',
        changes: { report: { from: described(r), to: null } },
      });
    });
  }
}
