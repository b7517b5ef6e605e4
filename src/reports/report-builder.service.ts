import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFound } from '../common/errors.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { PlansRepository } from '../plans/plans.repository.js';
import type { ProgressFigures } from '../progress/progress.js';
import { ProgressService } from '../progress/progress.service.js';
import { TasksRepository } from '../tasks/tasks.repository.js';
import { annex01b } from './annex-01b.js';
import { reportPeriod } from './periods.js';
import type { Figures, PeriodCode, ReportData, ReportTaskLine } from './report-data.js';
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

/** Computes what a report says (ReportData), from the plan as of the period's cut-off. Stores nothing. */
@Injectable()
export class ReportBuilder {
  constructor(
    private readonly db: DataSource,
    private readonly plans: PlansRepository,
    private readonly organization: OrganizationRepository,
    private readonly progress: ProgressService,
    private readonly tasks: TasksRepository,
    private readonly evidence: EvidenceService,
  ) {}

  /** The period of a unit's report (its convention decides the cut-off). */
  async period(unitId: number, code: PeriodCode, year: number, em: EntityManager = this.db.manager) {
    const unit = await this.organization.unit(unitId, em);
    return reportPeriod(code, year, unit?.reportCutoff ?? 'ministry');
  }

  async build(planId: number, code: PeriodCode, year: number, entered: Record<string, string | number | null> = {}, em: EntityManager = this.db.manager): Promise<ReportData> {
    const plan = await this.plans.load(planId, em);
    if (!plan) throw new NotFound('kế hoạch', planId);
    const unit = (await this.organization.unit(plan.unitId, em))!;
    const parent = unit.parentId ? await this.organization.unit(unit.parentId, em) : null;
    const officials = await this.organization.officialsOf(unit.id, {}, em);
    const period = reportPeriod(code, year, unit.reportCutoff);
    const progress = await this.progress.progress(planId, period.cutoff);
    const tasks = await this.tasks.views(em, { planId });
    const lists = reportLists(tasks, period, new Map(officials.map((o) => [o.id, o.fullName])));
    // the evidence files attached so far, named on each task's line (the same line object in every list)
    const files = await this.evidence.ofTasks(lists.tasks.map((t) => t.taskId), em);
    const attach = (line: ReportTaskLine) => {
      const own = files.get(line.taskId);
      if (own?.length) line.files = own.map((f) => ({ id: f.id, name: f.name, size: f.size, dueOn: f.dueOn }));
    };
    lists.tasks.forEach(attach);
    for (const list of [lists.completedInPeriod, lists.notCompleted, lists.overdue, lists.dueNextPeriod]) list.forEach(attach);
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
      cchc: progress.cchcPoints,
      signer: { title: 'CHỦ TỊCH', name: chairman?.fullName ?? null },
    };
  }
}
