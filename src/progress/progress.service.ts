import { Injectable } from '@nestjs/common';
import { NotFound } from '../common/errors.js';
import { todayLocal } from '../common/local-date.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { TasksRepository } from '../tasks/tasks.repository.js';
import { ProgressFigures, progressFigures, sumCounts } from './progress.js';

export interface PlanProgress extends ProgressFigures {
  planId: number;
  asOf: string;
  phuLucs: (ProgressFigures & { phuLuc: number; title: string })[];
}

/** A plan's figures as of a date: per Phụ lục and in total, from one aggregate query. */
@Injectable()
export class ProgressService {
  constructor(private readonly plans: PlansRepository, private readonly tasks: TasksRepository) {}

  async progress(planId: number, asOf: string = todayLocal()): Promise<PlanProgress> {
    if (!(await this.plans.exists(planId))) throw new NotFound('kế hoạch', planId);
    const rows = await this.tasks.phuLucCounts(planId, asOf);
    const phuLucs = rows.map(({ phuLuc, title, ...counts }) => ({ phuLuc, title, counts }));
    return {
      planId,
      asOf,
      ...progressFigures(sumCounts(phuLucs.map((p) => p.counts))),
      phuLucs: phuLucs.map((p) => ({ phuLuc: p.phuLuc, title: p.title, ...progressFigures(p.counts) })),
    };
  }
}
