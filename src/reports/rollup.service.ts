import { Injectable } from '@nestjs/common';
import { Invalid, NotFound } from '../common/errors.js';
import { formatPercent, formatRatio } from '../common/vietnamese-format.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { progressFigures } from '../progress/progress.js';
import { TasksRepository } from '../tasks/tasks.repository.js';
import type { RollupQuery } from './dto/report.dto.js';
import { reportPeriod } from './periods.js';
import { rollupPage } from './rollup.js';

export interface RollupRow {
  unitId: number;
  name: string;
  planId: number | null;
  planned: number;
  completed: number;
  ratio: string;
  percent: string;
}

/** The superior level's view: each unit beneath one, its completion as of a date, and the total. */
@Injectable()
export class RollupService {
  constructor(private readonly organization: OrganizationRepository, private readonly tasks: TasksRepository) {}

  /**
   * One aggregate query over every plan of that year; the total is over every
   * unit beneath, the units listed are the page asked for (rollup.ts), by
   * percentage (then name) unless told otherwise.
   */
  async rollup(unitId: number, opts: RollupQuery, today: string) {
    const unit = await this.organization.unit(unitId);
    if (!unit) throw new NotFound('đơn vị', unitId);
    if (opts.period && !opts.year) throw new Invalid('year: cần năm của kỳ báo cáo', 'year');
    const asOf = opts.period ? reportPeriod(opts.period, opts.year!, unit.reportCutoff).cutoff : opts.asOf ?? today;
    const year = opts.year ?? Number(asOf.slice(0, 4));
    const beneath = (await this.organization.selfAndBeneath(unitId)).filter((id) => id !== unitId);
    const [all, years] = await Promise.all([this.tasks.completionByUnit(beneath, year, asOf), this.tasks.planYears(beneath)]);
    const page = rollupPage(all, opts);
    const units: RollupRow[] = page.items.map((r) => ({ ...r, ratio: formatRatio(r.completed, r.planned), percent: formatPercent(r.completed, r.planned) }));
    const planned = all.reduce((n, u) => n + u.planned, 0);
    const completed = all.reduce((n, u) => n + u.completed, 0);
    const total = progressFigures({ planned, completed, completedOnTime: 0, completedLate: 0, overdue: 0 });
    return {
      unitId, asOf, year, units, total: { planned, completed, ratio: total.ratio, percent: total.percent, summary: total.summary },
      unitCount: all.length, matched: page.total, offset: page.offset, limit: page.limit, years,
    };
  }
}
