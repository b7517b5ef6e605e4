import { Injectable, Logger } from '@nestjs/common';
import { Actor, SYSTEM } from '../auth/actor.js';
import { audit } from '../audit/audit.js';
import { DataSource, EntityManager, In } from 'typeorm';
import { Invalid, isUniqueViolation, NotFound } from '../common/errors.js';
import { addDays, formatVnDate, localDateOf } from '../common/local-date.js';
import { formatPercent, formatRatio } from '../common/vietnamese-format.js';
import { forUpdate, Transactions } from '../database/transactions.js';
import { Official } from '../organization/entities/official.entity.js';
import { Unit } from '../organization/entities/unit.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { ProgressService } from '../plans/progress.service.js';
import { progressFigures, ProgressFigures } from '../plans/progress.js';
import { ReminderDeliveryService } from '../reminders/reminder-delivery.service.js';
import { matchLead } from '../tasks/assignment/match-lead.js';
import { loadTaskViews } from '../tasks/task-store.js';
import { annex01b } from './annex-01b.js';
import { GeneratePayload } from './dto/report.dto.js';
import { Report } from './entities/report.entity.js';
import { periodsCutOffOn, reportPeriod } from './periods.js';
import type { Figures, PeriodCode, ReportData } from './report-data.js';
import { reportLists } from './report-lines.js';


/** "UBND xã Hoằng Tiến" → "Hoằng Tiến", for "Hoằng Tiến, ngày … tháng … năm …". */
export function placeOf(unitName: string): string {
  return unitName.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/i, '').replace(/^(xã|phường|thị trấn)\s+/i, '').trim();
}

function figures(f: ProgressFigures): Figures {
  return {
    planned: f.planned, completed: f.completed, completedOnTime: f.completedOnTime, completedLate: f.completedLate,
    notCompleted: f.planned - f.completed, notCompletedWithinDeadline: f.inProgress, overdue: f.overdue,
    ratio: f.ratio, percent: f.percent, summary: f.summary,
  };
}

export interface RollupRow {
  unitId: number;
  name: string;
  planned: number;
  completed: number;
  ratio: string;
  percent: string;
}

/** Periodic reports: computed from the plan as of the cut-off, stored as immutable snapshots. */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly progress: ProgressService,
    private readonly delivery: ReminderDeliveryService,
  ) {}

  /** Computes a report without storing it. */
  async build(planId: number, code: PeriodCode, year: number, entered: Record<string, string | number | null> = {}, em: EntityManager = this.db.manager): Promise<ReportData> {
    const plan = await em.findOneBy(Plan, { id: planId });
    if (!plan) throw new NotFound('kế hoạch', planId);
    const unit = await em.findOneByOrFail(Unit, { id: plan.unitId });
    const parent = unit.parentId ? await em.findOneBy(Unit, { id: unit.parentId }) : null;
    const officials = await em.findBy(Official, { unitId: unit.id });
    const period = reportPeriod(code, year, unit.reportCutoff);
    const progress = await this.progress.progress(planId, period.cutoff);
    const tasks = await loadTaskViews(em, { planId });
    const lists = reportLists(tasks, period, new Map(officials.map((o) => [o.id, o.fullName])));
    const chairman = officials.find((o) => o.role === 'chairman' && o.active) ?? null;
    return {
      unit: { id: unit.id, name: unit.name, parentName: parent?.name ?? null, place: placeOf(unit.name) },
      plan: { id: plan.id, number: plan.number, title: plan.title, year: plan.year, decision: plan.decision, issuedOn: plan.issuedOn },
      period,
      version: 0,
      generatedAt: new Date().toISOString(),
      generatedBy: '',
      figures: {
        ...figures(progress),
        phuLucs: progress.phuLucs.map((p) => ({ ...figures(p), phuLuc: p.phuLuc, title: p.title })),
      },
      lists: {
        completedInPeriod: lists.completedInPeriod,
        notCompleted: lists.notCompleted,
        overdue: lists.overdue,
        dueNextPeriod: lists.dueNextPeriod,
      },
      tasks: lists.tasks,
      annex01b: annex01b({
        decision: plan.decision, planNumber: plan.number, planned: progress.planned, completed: progress.completed,
        completedOnTime: progress.completedOnTime, completedLate: progress.completedLate, entered,
      }),
      signer: { title: 'CHỦ TỊCH', name: chairman?.fullName ?? null },
    };
  }

  preview(planId: number, code: PeriodCode, year: number): Promise<ReportData> {
    return this.tx.read((em) => this.build(planId, code, year, {}, em));
  }

  /** Stores a new version of a report (a person asked for it). */
  generate(actor: Actor, planId: number, dto: GeneratePayload): Promise<Report> {
    const entered = Object.fromEntries((dto.annex ?? []).map((e) => [e.code, e.value]));
    return this.tx.run((em) => this.store(em, planId, dto.period, dto.year, entered, 'manual', actor));
  }

  private async store(
    em: EntityManager, planId: number, code: PeriodCode, year: number, entered: Record<string, string | number | null>,
    trigger: 'auto' | 'manual', actor: Actor,
  ): Promise<Report> {
    const by = actor.kind === 'system' ? `${actor.name} (tự động)` : actor.name;
    const data = await this.build(planId, code, year, entered, em);
    const last = await em.findOne(Report, { where: { planId, period: code, year }, order: { version: 'DESC' } });
    data.version = (last?.version ?? 0) + 1;
    data.generatedBy = by;
    const report = em.create(Report, {
      planId, unitId: data.unit.id, period: code, year, version: data.version, cutoff: data.period.cutoff, trigger,
      autoKey: trigger === 'auto' ? `${planId}|${code}|${year}` : null, generatedBy: by, data,
    });
    const saved = await em.save(report);
    await audit(em, actor, {
      unitId: saved.unitId, entity: 'report', entityId: saved.id, action: 'generated',
      changes: { report: { from: null, to: { planId, period: code, year, version: saved.version, trigger, summary: data.figures.summary } } },
    });
    return saved;
  }

  /**
   * The automatic report of a plan for a period: made once, whatever the
   * number of times the job runs (the auto key is unique). Returns null when
   * it already existed.
   */
  async generateAuto(planId: number, code: PeriodCode, year: number): Promise<Report | null> {
    const autoKey = `${planId}|${code}|${year}`;
    if (await this.db.getRepository(Report).existsBy({ autoKey })) return null;
    // the annex rows a person entered for this period carry over from their latest report
    const manual = await this.db.getRepository(Report).findOne({ where: { planId, period: code, year, trigger: 'manual' }, order: { version: 'DESC' } });
    const entered = Object.fromEntries((manual?.data.annex01b ?? []).filter((r) => r.source === 'entered').map((r) => [r.code, r.value]));
    try {
      return await this.tx.run(async (em) => {
        // two runs of the job at once meet here: the plan row lock (PostgreSQL) or the
        // one-writer queue (SQLite) lets one in at a time, and the second finds the report
        await em.findOne(Plan, { where: { id: planId }, ...forUpdate(em) });
        if (await em.existsBy(Report, { autoKey })) return null;
        return this.store(em, planId, code, year, entered, 'auto', SYSTEM);
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  /** Run at 07:00 every day: the reports of every issued plan whose period was cut off yesterday. */
  async generateDue(now = new Date()): Promise<Report[]> {
    const yesterday = addDays(localDateOf(now), -1);
    const plans = await this.db.getRepository(Plan).findBy({ status: In(['issued', 'closed']) });
    const units = new Map((await this.db.getRepository(Unit).find()).map((u) => [u.id, u]));
    const made: Report[] = [];
    for (const plan of plans) {
      const convention = units.get(plan.unitId)?.reportCutoff ?? 'ministry';
      for (const { code, year } of periodsCutOffOn(yesterday, convention)) {
        if (year !== plan.year) continue;
        const report = await this.generateAuto(plan.id, code, year);
        if (report) {
          made.push(report);
          await this.announce(report);
        }
      }
    }
    return made;
  }

  /** Tells the chairman and the Văn phòng – Thống kê official, in the app and by mail, once. */
  private async announce(report: Report): Promise<void> {
    const officials = await this.db.getRepository(Official).findBy({ unitId: report.unitId, active: true });
    const reporter = matchLead('Công chức Văn phòng – Thống kê', officials);
    const recipients = officials.filter((o) => o.role === 'chairman' || o.id === reporter.officialId);
    const d = report.data;
    const title = `Báo cáo CCHC ${d.period.titleText} đã được lập`;
    const body = `${d.plan.title}: ${d.figures.summary}. Số liệu tính đến ngày ${formatVnDate(d.period.cutoff)}.`;
    await this.delivery.announce(`report|${report.id}`, recipients, { kind: 'report', title, body, subject: `[CCHC] ${title}`, text: `${body}\n\nTải báo cáo: /api/reports/${report.id}.docx` });
  }

  list(planId: number) {
    return this.tx.read(async (em) => {
      if (!(await em.existsBy(Plan, { id: planId }))) throw new NotFound('kế hoạch', planId);
      const rows = await em.find(Report, { where: { planId }, order: { year: 'DESC', id: 'DESC' } });
      return rows.map(({ data, ...r }) => ({ ...r, ratio: data.figures.ratio, percent: data.figures.percent, summary: data.figures.summary }));
    });
  }

  async get(id: number): Promise<Report> {
    const report = await this.db.getRepository(Report).findOneBy({ id });
    if (!report) throw new NotFound('báo cáo', id);
    return report;
  }

  /**
   * Each commune under a unit: its completion as of a date, and the total,
   * sorted by percentage; one aggregate query over every plan of that year.
   */
  async rollup(unitId: number, opts: { asOf?: string; period?: PeriodCode; year?: number }, today: string) {
    const unit = await this.db.getRepository(Unit).findOneBy({ id: unitId });
    if (!unit) throw new NotFound('đơn vị', unitId);
    if (opts.period && !opts.year) throw new Invalid('year: cần năm của kỳ báo cáo', 'year');
    const asOf = opts.period ? reportPeriod(opts.period, opts.year!, unit.reportCutoff).cutoff : opts.asOf ?? today;
    const year = opts.year ?? Number(asOf.slice(0, 4));
    const sql = `
      WITH RECURSIVE sub(id) AS (
        SELECT id FROM unit WHERE parent_id = :unitId
        UNION ALL SELECT u.id FROM unit u INNER JOIN sub ON u.parent_id = sub.id
      )
      SELECT u.id AS unit_id, u.name AS name, COUNT(t.id) AS planned,
        SUM(CASE WHEN t.id IS NOT NULL AND d.open_count = 0 THEN 1 ELSE 0 END) AS completed
      FROM sub INNER JOIN unit u ON u.id = sub.id
      LEFT JOIN plan p ON p.unit_id = u.id AND p.year = :year AND p.status <> 'draft'
      LEFT JOIN task t ON t.plan_id = p.id AND t.status <> 'cancelled'
      LEFT JOIN (
        SELECT dd.task_id, SUM(CASE WHEN dd.completed_on IS NULL OR dd.completed_on > :asOf THEN 1 ELSE 0 END) AS open_count
        FROM task_due_date dd INNER JOIN task tt ON tt.id = dd.task_id INNER JOIN plan pp ON pp.id = tt.plan_id
        WHERE pp.year = :year GROUP BY dd.task_id
      ) d ON d.task_id = t.id
      GROUP BY u.id, u.name
      ORDER BY CASE WHEN COUNT(t.id) = 0 THEN 0 ELSE 1.0 * SUM(CASE WHEN t.id IS NOT NULL AND d.open_count = 0 THEN 1 ELSE 0 END) / COUNT(t.id) END DESC, u.name`;
    const rows: { unit_id: number; name: string; planned: string | number; completed: string | number | null }[] =
      await this.db.query(...this.db.driver.escapeQueryWithParameters(sql, { unitId, year, asOf }));
    const units: RollupRow[] = rows.map((r) => {
      const planned = Number(r.planned);
      const completed = Number(r.completed ?? 0);
      return { unitId: Number(r.unit_id), name: r.name, planned, completed, ratio: formatRatio(completed, planned), percent: formatPercent(completed, planned) };
    });
    const planned = units.reduce((n, u) => n + u.planned, 0);
    const completed = units.reduce((n, u) => n + u.completed, 0);
    const total = progressFigures({ planned, completed, completedOnTime: 0, completedLate: 0, overdue: 0 });
    return { unitId, asOf, year, units, total: { planned, completed, ratio: total.ratio, percent: total.percent, summary: total.summary } };
  }
}
