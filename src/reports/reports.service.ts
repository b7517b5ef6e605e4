import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { Conflict, NotFound } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import type { Readable } from 'node:stream';
import { PlansRepository } from '../plans/plans.repository.js';
import { FinalizePayload, GeneratePayload, UpdateReportPayload } from './dto/report.dto.js';
import { mergeNarrative, NARRATIVE_SECTIONS, type Narrative, type NarrativeKey } from './narrative.js';
import { periodTitle } from './periods.js';
import { ReportBuilder } from './report-builder.service.js';
import type { PeriodCode, ReportData } from './report-data.js';
import { ReportLimits } from './report-limits.js';
import { packReport, unpackReport } from './report-snapshot.js';
import { ReportRow, ReportsRepository } from './reports.repository.js';

export type ReportStatus = 'draft' | 'final';
/** A stored report as the API answers it: the row, its status, and what the report says. */
export type StoredReport = Omit<ReportRow, 'ratio' | 'percent' | 'summary'> & { status: ReportStatus; periodText: string; data: ReportData };
/** A version in the plan's list: the row, its status and its headline figures. */
export type ReportVersion = ReportRow & { status: ReportStatus; periodText: string };

export const FINAL_REPORT = 'Báo cáo đã là bản chính thức của kỳ báo cáo, không xóa được';
export const FINAL_NO_EDIT = 'Báo cáo đã là bản chính thức, không sửa được nữa; hãy tạo bản nháp mới từ bản này để sửa';

function stored(r: ReportRow, data: ReportData): StoredReport {
  return {
    id: r.id, planId: r.planId, unitId: r.unitId, period: r.period, year: r.year, version: r.version, cutoff: r.cutoff,
    trigger: r.trigger, autoKey: r.autoKey, generatedAt: r.generatedAt, generatedBy: r.generatedBy,
    status: r.finalAt ? 'final' : 'draft', finalAt: r.finalAt, finalizedBy: r.finalizedBy, revision: r.revision,
    periodText: periodTitle(r.period, r.year), data,
  };
}

function version(r: ReportRow): ReportVersion {
  return { ...r, status: r.finalAt ? 'final' : 'draft', periodText: periodTitle(r.period, r.year) };
}

/** What the audit trail says of a version: the period in words ("quý II năm 2023"), never its code. */
function described(r: ReportRow) {
  return {
    planId: r.planId, period: periodTitle(r.period, r.year), version: r.version,
    kind: r.trigger === 'auto' ? 'tự động' : 'do người lập', status: r.finalAt ? 'chính thức' : 'bản nháp', summary: r.summary,
  };
}

/** The entered rows of Phụ lục 01b of a report, as { code: value }. */
function enteredOf(data: ReportData | null | undefined): Record<string, string | number | null> {
  return Object.fromEntries((data?.annex01b ?? []).filter((r) => r.source === 'entered').map((r) => [r.code, r.value]));
}

const EDITED_SINCE = 'Báo cáo đã được người khác sửa; hãy tải lại rồi thử lại';

/** The revision the client read, when it sent one; else the one just loaded. */
function expectedRevision(r: { revision: number }, sent?: number): number {
  if (sent !== undefined && sent !== r.revision) {
    throw new Conflict(`Báo cáo đã được người khác sửa (lần sửa ${r.revision}, bạn gửi ${sent}); hãy tải lại rồi thử lại`);
  }
  return r.revision;
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
    private readonly evidence: EvidenceService,
  ) {}

  preview(planId: number, code: PeriodCode, year: number): Promise<ReportData> {
    return this.tx.read((em) => this.builder.build(planId, code, year, {}, em));
  }

  /**
   * Stores a new version of a report (a person asked for it), a draft, within
   * the person's and the unit's limits. Its narrative and entered rows are
   * pre-filled from the unit's previous final report (the entered rows sent win).
   */
  async generate(actor: Actor, planId: number, dto: GeneratePayload): Promise<StoredReport> {
    const plan = await this.plans.load(planId);
    if (!plan) throw new NotFound('kế hoạch', planId);
    await this.limits.take('build', actor, plan.unitId);
    const entered = Object.fromEntries((dto.annex ?? []).map((e) => [e.code, e.value]));
    return this.tx.run((em) => this.store(em, planId, dto.period, dto.year, entered, 'manual', actor, { prefill: true }));
  }

  /**
   * A new draft that starts from a version (final or not): the figures
   * computed afresh, its narrative and entered rows carried over.
   */
  async draftFrom(actor: Actor, id: number): Promise<StoredReport> {
    const source = await this.get(id);
    await this.limits.take('build', actor, source.unitId);
    return this.tx.run((em) => this.store(em, source.planId, source.period, source.year, enteredOf(source.data), 'manual', actor, {
      narrative: source.data.narrative ?? {}, from: source,
    }));
  }

  /** Computes and stores the next version, in the caller's transaction. An automatic version is final at once. */
  async store(
    em: EntityManager, planId: number, code: PeriodCode, year: number, entered: Record<string, string | number | null>,
    trigger: 'auto' | 'manual', actor: Actor, opts: { prefill?: boolean; narrative?: Narrative; from?: StoredReport } = {},
  ): Promise<StoredReport> {
    const by = actor.kind === 'system' ? `${actor.name} (tự động)` : actor.name;
    let narrative = opts.narrative;
    if (opts.prefill) {
      const plan = await this.plans.load(planId, em);
      const period = plan ? await this.builder.period(plan.unitId, code, year, em) : null;
      const previous = plan && period ? await this.repo.previousFinal(em, plan.unitId, period.cutoff) : null;
      if (previous) {
        const data = await unpackReport(previous.snapshot);
        narrative ??= data.narrative;
        entered = { ...enteredOf(data), ...entered };
      }
    }
    const data = await this.builder.build(planId, code, year, entered, em);
    data.version = (await this.repo.latestVersion(em, planId, code, year)) + 1;
    data.generatedBy = by;
    if (narrative && Object.keys(narrative).length) data.narrative = narrative;
    const saved = await this.repo.save(em, {
      planId, unitId: data.unit.id, period: code, year, version: data.version, cutoff: data.period.cutoff, trigger,
      autoKey: trigger === 'auto' ? `${planId}|${code}|${year}` : null, generatedBy: by,
      ratio: data.figures.ratio, percent: data.figures.percent, summary: data.figures.summary, snapshot: await packReport(data),
      finalAt: null, finalizedBy: null, revision: 1,
    });
    // an automatic version is final from the moment it is made (as the migration marks the older ones)
    if (trigger === 'auto') Object.assign(saved, await this.repo.finalAtGeneration(em, saved.id, by));
    await audit(em, actor, {
      unitId: saved.unitId, entity: 'report', entityId: saved.id, action: 'generated',
      changes: {
        report: { from: null, to: described(saved) },
        ...(opts.from ? { startedFrom: { from: null, to: `phiên bản ${opts.from.version} (${opts.from.status === 'final' ? 'chính thức' : 'bản nháp'})` } } : {}),
      },
    });
    return stored(saved, data);
  }

  /**
   * Edits a draft: its narrative sections and the entered rows of Phụ lục
   * 01b. A final version refuses (409), and so does a draft someone edited
   * since the revision the caller read.
   */
  update(actor: Actor, id: number, dto: UpdateReportPayload): Promise<StoredReport> {
    return this.tx.run(async (em) => {
      const r = await this.repo.withSnapshot(id, em);
      if (!r) throw new NotFound('báo cáo', id);
      if (r.finalAt) throw new Conflict(FINAL_NO_EDIT);
      const revision = expectedRevision(r, dto.revision);
      const data = await unpackReport(r.snapshot);
      const before = { narrative: data.narrative ?? {}, entered: enteredOf(data) };
      if (dto.narrative) {
        const merged = mergeNarrative(data.narrative, dto.narrative as Record<NarrativeKey, string | null>);
        if (Object.keys(merged).length) data.narrative = merged;
        else delete data.narrative;
      }
      if (dto.annex) {
        const values = new Map(dto.annex.map((e) => [e.code, e.value]));
        data.annex01b = data.annex01b.map((row) => (row.source === 'entered' && values.has(row.code) ? { ...row, value: values.get(row.code)! } : row));
      }
      if (!(await this.repo.saveDraft(em, id, revision, await packReport(data)))) throw new Conflict(EDITED_SINCE);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const s of NARRATIVE_SECTIONS) {
        const from = before.narrative[s.key] ?? null;
        const to = data.narrative?.[s.key] ?? null;
        if (from !== to) changes[s.label] = { from, to };
      }
      const after = enteredOf(data);
      for (const code of Object.keys(after)) {
        if (before.entered[code] !== after[code]) changes[`Phụ lục 01b, dòng ${code}`] = { from: before.entered[code] ?? null, to: after[code] };
      }
      await audit(em, actor, { unitId: r.unitId, entity: 'report', entityId: id, action: 'updated', changes });
      return stored({ ...r, revision: revision + 1 }, data);
    });
  }

  /** Marks a draft final: from then on it never changes (409 to edits and deletion). */
  finalize(actor: Actor, id: number, dto: FinalizePayload): Promise<StoredReport> {
    return this.tx.run(async (em) => {
      const r = await this.repo.withSnapshot(id, em);
      if (!r) throw new NotFound('báo cáo', id);
      if (r.finalAt) throw new Conflict('Báo cáo đã là bản chính thức');
      const revision = expectedRevision(r, dto.revision);
      if (!(await this.repo.markFinal(em, id, revision, actor.name))) throw new Conflict(EDITED_SINCE);
      const row = (await this.repo.withSnapshot(id, em))!;
      await audit(em, actor, {
        unitId: r.unitId, entity: 'report', entityId: id, action: 'finalized',
        changes: { report: { from: described(r), to: described(row) } },
      });
      return stored(row, await unpackReport(row.snapshot));
    });
  }

  list(planId: number): Promise<ReportVersion[]> {
    return this.tx.read(async (em) => {
      if (!(await this.plans.exists(planId, em))) throw new NotFound('kế hoạch', planId);
      return (await this.repo.ofPlan(em, planId)).map(version);
    });
  }

  /**
   * Every evidence file the report lists, foldered by Phụ lục and task, as a
   * zip stream (for the CCHC-index assessment), and its file name.
   */
  async evidenceZip(id: number): Promise<{ name: string; body: Readable; files: number }> {
    const report = await this.get(id);
    const entries = report.data.tasks.flatMap((t) => (t.files ?? []).map((f) => ({ fileId: f.id, phuLuc: t.phuLuc, ordinal: t.ordinal, content: t.content, name: f.name })));
    const body = await this.evidence.zip(entries);
    return { name: `Tai lieu kiem chung - ${report.periodText} - phien ban ${report.version}.zip`, body, files: entries.length };
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
      if (r.finalAt) throw new Conflict(FINAL_REPORT);
      if (!(await this.repo.markDeleted(em, id))) throw new NotFound('báo cáo', id);
      await audit(em, actor, {
        unitId: r.unitId, entity: 'report', entityId: id, action: 'deleted',
        changes: { report: { from: described(r), to: null } },
      });
    });
  }
}
