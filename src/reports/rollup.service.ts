import { Injectable } from '@nestjs/common';
import { Invalid, NotFound } from '../common/errors.js';
import { formatPercent, formatRatio } from '../common/vietnamese-format.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { progressFigures } from '../progress/progress.js';
import { TasksRepository } from '../tasks/tasks.repository.js';
import { reportPeriod } from './periods.js';
import type { PeriodCode } from './report-data.js';

export interface RollupRow {
  unitId: number;
  name: string;
  planned: number;
  completed: number;
  ratio: string;
  percent: string;
}

/** The superior level's view: each unit beneath one, its completion as of a date, and the total. */
@Injectable()
export class RollupService {
  constructor(private readonly organization: OrganizationRepository, private readonly tasks: TasksRepository) {}

  /** Sorted by percentage (then name), from one aggregate query over every plan of that year. */
  async rollup(unitId: number, opts: { asOf?: string; period?: PeriodCode; year?: number }, today: string) {
    const unit = await this.organization.unit(unitId);
    if (!unit) throw new NotFound('đơn vị', unitId);
    if (opts.period && !opts.year) throw new Invalid('year: cần năm của kỳ báo cáo', 'year');
    const asOf = opts.period ? reportPeriod(opts.period, opts.year!, unit.reportCutoff).cutoff : opts.asOf ?? today;
    const year = opts.year ?? Number(asOf.slice(0, 4));
    const beneath = (await this.organization.selfAndBeneath(unitId)).filter((id) => id !== unitId);
    const share = (r: { planned: number; completed: number }) => (r.planned ? r.completed / r.planned : 0);
    const units: RollupRow[] = (await this.tasks.completionByUnit(beneath, year, asOf))
      .sort((a, b) => share(b) - share(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((r) => ({ ...r, ratio: formatRatio(r.completed, r.planned), percent: formatPercent(r.completed, r.planned) }));
    const planned = units.reduce((n, u) => n + u.planned, 0);
    const completed = units.reduce((n, u) => n + u.completed, 0);
    const total = progressFigures({ planned, completed, completedOnTime: 0, completedLate: 0, overdue: 0 });
    return { unitId, asOf, year, units, total: { planned, completed, ratio: total.ratio, percent: total.percent, summary: total.summary } };
  }
}
