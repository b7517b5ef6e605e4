import { Injectable } from '@nestjs/common';
import { NotFound } from '../common/errors.js';
import { todayLocal } from '../common/local-date.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { CchcPoints, cchcPoints, DEFAULT_CCHC_THRESHOLDS } from './cchc-points.js';
import { TasksRepository } from '../tasks/tasks.repository.js';
import { ProgressFigures, progressFigures, sumCounts } from './progress.js';

export interface PlanProgress extends ProgressFigures {
  planId: number;
  asOf: string;
  phuLucs: (ProgressFigures & { phuLuc: number; title: string })[];
  /** The plan criterion of the CCHC index, with the thresholds of the unit's superior unit. */
  cchcPoints: CchcPoints;
}

/** A plan's figures as of a date: per Phụ lục and in total, from one aggregate query. */
@Injectable()
export class ProgressService {
  constructor(private readonly plans: PlansRepository, private readonly tasks: TasksRepository, private readonly organization: OrganizationRepository) {}

  async progress(planId: number, asOf: string = todayLocal()): Promise<PlanProgress> {
    const plan = await this.plans.load(planId);
    if (!plan) throw new NotFound('kế hoạch', planId);
    const rows = await this.tasks.phuLucCounts(planId, asOf);
    const phuLucs = rows.map(({ phuLuc, title, ...counts }) => ({ phuLuc, title, counts }));
    const total = progressFigures(sumCounts(phuLucs.map((p) => p.counts)));
    return {
      planId,
      asOf,
      ...total,
      phuLucs: phuLucs.map((p) => ({ phuLuc: p.phuLuc, title: p.title, ...progressFigures(p.counts) })),
      cchcPoints: await this.cchcPointsOf(plan.unitId, total.completed, total.planned),
    };
  }

  /**
   * The points of the CCHC index's plan criterion for a unit's completion: the
   * thresholds its superior unit set (the nearest one up that set any), else the default.
   */
  async cchcPointsOf(unitId: number, completed: number, planned: number): Promise<CchcPoints> {
    let unit = await this.organization.unit(unitId);
    const seen = new Set<number>();
    while (unit?.parentId && !seen.has(unit.id)) {
      seen.add(unit.id);
      const parent = await this.organization.unit(unit.parentId);
      if (parent?.cchcThresholds) return cchcPoints(completed, planned, parent.cchcThresholds, parent.name);
      unit = parent;
    }
    return cchcPoints(completed, planned, DEFAULT_CCHC_THRESHOLDS, null);
  }
}
