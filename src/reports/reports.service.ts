import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { NotFound } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { GeneratePayload } from './dto/report.dto.js';
import { Report } from './entities/report.entity.js';
import { ReportBuilder } from './report-builder.service.js';
import type { PeriodCode, ReportData } from './report-data.js';
import { ReportsRepository } from './reports.repository.js';

/** Periodic reports: computed from the plan as of the cut-off, stored as immutable snapshots, one version each time. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly tx: Transactions,
    private readonly builder: ReportBuilder,
    private readonly repo: ReportsRepository,
    private readonly plans: PlansRepository,
  ) {}

  preview(planId: number, code: PeriodCode, year: number): Promise<ReportData> {
    return this.tx.read((em) => this.builder.build(planId, code, year, {}, em));
  }

  /** Stores a new version of a report (a person asked for it). */
  generate(actor: Actor, planId: number, dto: GeneratePayload): Promise<Report> {
    const entered = Object.fromEntries((dto.annex ?? []).map((e) => [e.code, e.value]));
    return this.tx.run((em) => this.store(em, planId, dto.period, dto.year, entered, 'manual', actor));
  }

  /** Computes and stores the next version, in the caller's transaction. */
  async store(
    em: EntityManager, planId: number, code: PeriodCode, year: number, entered: Record<string, string | number | null>,
    trigger: 'auto' | 'manual', actor: Actor,
  ): Promise<Report> {
    const by = actor.kind === 'system' ? `${actor.name} (tự động)` : actor.name;
    const data = await this.builder.build(planId, code, year, entered, em);
    const last = await this.repo.latest(em, planId, code, year);
    data.version = (last?.version ?? 0) + 1;
    data.generatedBy = by;
    const saved = await this.repo.save(em, {
      planId, unitId: data.unit.id, period: code, year, version: data.version, cutoff: data.period.cutoff, trigger,
      autoKey: trigger === 'auto' ? `${planId}|${code}|${year}` : null, generatedBy: by, data,
    });
    await audit(em, actor, {
      unitId: saved.unitId, entity: 'report', entityId: saved.id, action: 'generated',
      changes: { report: { from: null, to: { planId, period: code, year, version: saved.version, trigger, summary: data.figures.summary } } },
    });
    return saved;
  }

  list(planId: number) {
    return this.tx.read(async (em) => {
      if (!(await this.plans.exists(planId, em))) throw new NotFound('kế hoạch', planId);
      const rows = await this.repo.ofPlan(em, planId);
      return rows.map(({ data, ...r }) => ({ ...r, ratio: data.figures.ratio, percent: data.figures.percent, summary: data.figures.summary }));
    });
  }

  async get(id: number): Promise<Report> {
    const report = await this.repo.byId(id);
    if (!report) throw new NotFound('báo cáo', id);
    return report;
  }
}
