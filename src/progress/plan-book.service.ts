import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Transactions } from '../database/transactions.js';
import { IssuePlanDto, UpdatePlanDto } from '../plans/dto/plan.dto.js';
import type { PhuLuc } from '../plans/entities/phu-luc.entity.js';
import type { Plan } from '../plans/entities/plan.entity.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { PlansService } from '../plans/plans.service.js';
import { compactTaskView, type TaskView } from '../tasks/task-view.js';
import { TasksService, UnassignedTask } from '../tasks/tasks.service.js';
import { CreatePlanDto } from './dto/plan-book.dto.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { addDays } from '../common/local-date.js';
import { TasksRepository, type IdPage } from '../tasks/tasks.repository.js';
import { DUE_SOON_DAYS, monthBars, OVERVIEW_LIST_CAP, overviewRows, type MonthBar, type OverviewLists } from './overview.js';

export interface PlanOverview extends OverviewLists {
  planId: number;
  year: number;
  asOf: string;
  months: MonthBar[];
}

export interface PlanDetail extends Omit<Plan, 'phuLucs'> {
  phuLucs: (Omit<PhuLuc, 'plan' | 'planId'> & { tasks: TaskView[] })[];
  unassigned: UnassignedTask[];
  unassignedCount: number;
  taskCount: number;
}

/**
 * The plan as a whole: its header (src/plans) with its tasks (src/tasks) and
 * the figures over them. A plan and all its rows are created in one
 * transaction: a plan that fails half way leaves nothing behind.
 */
@Injectable()
export class PlanBookService {
  constructor(
    private readonly tx: Transactions,
    private readonly plans: PlansService,
    private readonly planRows: PlansRepository,
    private readonly tasks: TasksService,
    private readonly taskRows: TasksRepository,
    private readonly organization: OrganizationRepository,
  ) {}

  /**
   * The overview page's chart and lists as of a day, read by queries that
   * give each list's total and first rows and the chart's counts per day, so
   * that neither the page nor the server reads every task of the plan.
   */
  overview(id: number, asOf: string): Promise<PlanOverview> {
    return this.tx.read(async (em) => {
      const plan = await this.plans.load(em, id);
      const pages = await this.taskRows.overviewIds(em, id, asOf, addDays(asOf, DUE_SOON_DAYS), OVERVIEW_LIST_CAP);
      const chart = await this.taskRows.dueAndDoneByDay(em, id, `${plan.year}-01-01`, `${plan.year}-12-31`, asOf);
      const chosen = [...new Set([pages.overdue, pages.dueSoon, pages.needsReview, pages.unassigned].flatMap((p) => p.ids))];
      const tasks = new Map((await this.taskRows.views(em, { ids: chosen })).map((t) => [t.id, t]));
      const unassigned = new Map((await this.tasks.unassigned(em, plan, pages.unassigned.ids)).map((u) => [u.taskId, u]));
      const officials = await this.organization.officialsOf(plan.unitId, {}, em);
      const rows = overviewRows(new Map(officials.map((o) => [o.id, o.fullName])), asOf);
      const list = <T>(page: IdPage, row: (id: number) => T) => ({ total: page.total, items: page.ids.map(row) });
      return {
        planId: plan.id, year: plan.year, asOf, months: monthBars(plan.year, chart.due, chart.done),
        overdue: list(pages.overdue, (i) => rows.overdue(tasks.get(i)!)),
        dueSoon: list(pages.dueSoon, (i) => rows.dueSoon(tasks.get(i)!)),
        needsReview: list(pages.needsReview, (i) => rows.needsReview(tasks.get(i)!)),
        unassigned: list(pages.unassigned, (i) => rows.unassigned(unassigned.get(i)!, tasks.get(i))),
      };
    });
  }

  create(actor: Actor, dto: CreatePlanDto): Promise<PlanDetail> {
    return this.tx.run((em) => this.createIn(em, actor, dto));
  }

  /** The body of create(), for callers that already hold a transaction (the demo loader). */
  async createIn(em: EntityManager, actor: Actor, dto: CreatePlanDto): Promise<PlanDetail> {
    const { phuLucs: given, ...header } = dto;
    const { plan, phuLucs } = await this.plans.create(em, actor, {
      ...header,
      phuLucs: given?.map(({ number, title, heading }) => ({ number, title, heading })),
    });
    const byNumber = new Map(phuLucs.map((p) => [p.number, p]));
    const rows = (given ?? []).flatMap((p, i) => (p.tasks ?? []).map((input, j) => ({
      phuLuc: byNumber.get(p.number)!, input, path: `phuLucs[${i}].tasks[${j}].`,
    })));
    // in Phụ lục order, as the plan's tables read
    rows.sort((a, b) => a.phuLuc.number - b.phuLuc.number);
    await this.tasks.insertRows(em, actor, plan, rows);
    return this.detail(em, plan.id);
  }

  get(id: number, opts: { compact?: boolean; withTasks?: boolean } = {}): Promise<PlanDetail> {
    return this.tx.read(async (em) => {
      const plan = await this.detail(em, id);
      // the header alone: a big plan's rows are read a page at a time (GET /api/plans/{id}/tasks)
      if (opts.withTasks === false) return { ...plan, phuLucs: plan.phuLucs.map((p) => ({ ...p, tasks: [] })), unassigned: [] };
      if (!opts.compact) return plan;
      // the list's lighter rows, in the same place: callers that ask for compact read only what both shapes hold
      return { ...plan, phuLucs: plan.phuLucs.map((p) => ({ ...p, tasks: p.tasks.map(compactTaskView) as TaskView[] })) };
    });
  }

  update(actor: Actor, id: number, dto: UpdatePlanDto): Promise<PlanDetail> {
    return this.tx.run(async (em) => {
      await this.plans.update(em, actor, id, dto);
      return this.detail(em, id);
    });
  }

  issue(actor: Actor, id: number, dto: IssuePlanDto): Promise<PlanDetail> {
    return this.tx.run(async (em) => {
      await this.plans.issue(em, actor, id, dto);
      return this.detail(em, id);
    });
  }

  reopen(actor: Actor, id: number, reason: string): Promise<PlanDetail> {
    return this.tx.run(async (em) => {
      await this.plans.reopen(em, actor, id, reason);
      return this.detail(em, id);
    });
  }

  close(actor: Actor, id: number): Promise<PlanDetail> {
    return this.tx.run(async (em) => {
      await this.plans.close(em, actor, id);
      return this.detail(em, id);
    });
  }

  /** Tasks with no lead official, with the reason, for the chairman to assign. */
  async unassigned(id: number): Promise<UnassignedTask[]> {
    return this.tx.read(async (em) => this.tasks.unassigned(em, await this.plans.load(em, id)));
  }

  private async detail(em: EntityManager, id: number): Promise<PlanDetail> {
    const plan = await this.plans.load(em, id);
    const phuLucs = await this.planRows.phuLucs(em, id);
    const tasks = await this.tasks.ofPlan(em, id);
    const unassigned = await this.tasks.unassigned(em, plan);
    return {
      ...plan,
      taskCount: tasks.length,
      phuLucs: phuLucs.map(({ id: phuLucId, number, title, heading }) => ({
        id: phuLucId, number, title, heading, tasks: tasks.filter((t) => t.phuLuc === number),
      })),
      unassigned,
      unassignedCount: unassigned.length,
    };
  }
}
