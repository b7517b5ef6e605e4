import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Conflict, Invalid, NotFound } from '../common/errors.js';
import { todayLocal } from '../common/local-date.js';
import { Transactions } from '../database/transactions.js';
import { expectedVersion, updateVersioned } from '../database/versioned-update.js';
import { Official } from '../organization/entities/official.entity.js';
import { Unit } from '../organization/entities/unit.entity.js';
import { LEAD_MATCH_REASONS, matchLead } from '../tasks/assignment/match-lead.js';
import { Task } from '../tasks/entities/task.entity.js';
import { insertTask, loadTaskViews, UnassignedTask } from '../tasks/task-store.js';
import { TaskView } from '../tasks/task-view.js';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service.js';
import { CreatePlanDto, IssuePlanDto, ListPlansQuery, UpdatePlanDto } from './dto/plan.dto.js';
import { PhuLuc } from './entities/phu-luc.entity.js';
import { Plan } from './entities/plan.entity.js';
import { PHU_LUC_AREAS, PHU_LUC_NUMBERS } from './phu-luc-areas.js';
import { Actor, inScope, scopeOf } from '../auth/actor.js';
import { audit, diff } from '../audit/audit.js';

const PLAN_FIELDS = ['unitId', 'number', 'title', 'year', 'issuedOn', 'decision', 'status'] as const;

export interface PlanDetail extends Omit<Plan, 'phuLucs'> {
  phuLucs: (Omit<PhuLuc, 'plan' | 'planId'> & { tasks: TaskView[] })[];
  unassigned: UnassignedTask[];
  taskCount: number;
}

@Injectable()
export class PlansService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly reminders: ReminderScheduler,
  ) {}

  /** Runs a change to a plan, then brings its tasks' reminder jobs in line (after the commit). */
  private async change(work: (em: EntityManager) => Promise<PlanDetail>): Promise<PlanDetail> {
    const plan = await this.tx.run(work);
    await this.reminders.syncPlan(plan.id);
    return plan;
  }

  /** The plans of the caller's units. */
  async list(actor: Actor, q: ListPlansQuery): Promise<Plan[]> {
    const scope = scopeOf(actor);
    if (q.unitId && !inScope(actor, q.unitId)) return [];
    const unitId = q.unitId ?? (scope ? In(scope) : undefined);
    return this.db.getRepository(Plan).find({
      where: { ...(unitId !== undefined ? { unitId } : {}), ...(q.year ? { year: q.year } : {}) },
      order: { year: 'DESC', id: 'ASC' },
    });
  }

  /**
   * Creates a plan with its seven Phụ lục and, when given, every task row, in
   * one transaction: a plan that fails half way leaves nothing behind.
   */
  create(actor: Actor, dto: CreatePlanDto): Promise<PlanDetail> {
    return this.change((em) => this.createIn(em, actor, dto));
  }

  /** The body of create(), for callers that already hold a transaction (the demo loader). */
  async createIn(em: EntityManager, actor: Actor, dto: CreatePlanDto): Promise<PlanDetail> {
    {
      const unit = inScope(actor, dto.unitId) ? await em.findOneBy(Unit, { id: dto.unitId }) : null;
      if (!unit) throw new Invalid(`unitId: không có đơn vị mã ${dto.unitId}`, 'unitId');
      const duplicate = await em.findOneBy(Plan, { unitId: dto.unitId, year: dto.year, number: dto.number });
      if (duplicate) throw new Conflict(`Đơn vị đã có kế hoạch số ${dto.number} năm ${dto.year} (mã ${duplicate.id})`);
      const seen = new Set<number>();
      dto.phuLucs?.forEach((p, i) => {
        if (seen.has(p.number)) throw new Invalid(`phuLucs[${i}].number: Phụ lục ${p.number} bị lặp`, `phuLucs[${i}].number`);
        seen.add(p.number);
      });
      const plan = await em.save(Plan, em.create(Plan, {
        unitId: dto.unitId,
        number: dto.number,
        title: dto.title,
        year: dto.year,
        issuedOn: dto.issuedOn ?? null,
        decision: dto.decision ?? null,
        status: dto.status ?? 'draft',
      }));
      await audit(em, actor, { unitId: plan.unitId, entity: 'plan', entityId: plan.id, action: 'created', changes: diff(null, plan, PLAN_FIELDS) });
      const given = new Map((dto.phuLucs ?? []).map((p, i) => [p.number, { p, i }]));
      const officials = await em.findBy(Official, { unitId: dto.unitId });
      for (const number of PHU_LUC_NUMBERS) {
        const input = given.get(number);
        const phuLuc = await em.save(PhuLuc, em.create(PhuLuc, {
          planId: plan.id,
          number,
          title: input?.p.title ?? PHU_LUC_AREAS[number],
          heading: input?.p.heading ?? null,
        }));
        for (const [j, task] of (input?.p.tasks ?? []).entries()) {
          await insertTask(em, actor, plan, phuLuc, task, officials, `phuLucs[${input!.i}].tasks[${j}].`);
        }
      }
      return this.detail(plan.id, em);
    }
  }

  async get(id: number): Promise<PlanDetail> {
    return this.tx.read((em) => this.detail(id, em));
  }

  update(actor: Actor, id: number, dto: UpdatePlanDto): Promise<PlanDetail> {
    return this.change(async (em) => {
      const plan = await this.load(em, id);
      const version = expectedVersion(plan, dto.version);
      if (plan.status === 'closed') throw new Conflict('Kế hoạch đã khóa sổ, không thể sửa');
      const { version: _v, ...patch } = dto;
      if (patch.number && patch.number !== plan.number) {
        const duplicate = await em.findOneBy(Plan, { unitId: plan.unitId, year: plan.year, number: patch.number });
        if (duplicate) throw new Conflict(`Đơn vị đã có kế hoạch số ${patch.number} năm ${plan.year}`);
      }
      const changes = diff(plan, { ...plan, ...patch }, PLAN_FIELDS);
      if (Object.keys(changes).length) {
        await updateVersioned(em, Plan, id, version, patch);
        await audit(em, actor, { unitId: plan.unitId, entity: 'plan', entityId: id, action: 'updated', changes });
      }
      return this.detail(id, em);
    });
  }

  issue(actor: Actor, id: number, dto: IssuePlanDto, today: string = todayLocal()): Promise<PlanDetail> {
    return this.change(async (em) => {
      const plan = await this.load(em, id);
      const version = expectedVersion(plan, dto.version);
      if (plan.status !== 'draft') throw new Conflict(`Kế hoạch đang ở trạng thái ${plan.status}, chỉ ban hành được bản nháp`);
      const issuedOn = dto.issuedOn ?? plan.issuedOn ?? today;
      if (issuedOn > today) throw new Invalid('issuedOn: ngày ban hành không được ở tương lai', 'issuedOn');
      const patch = { status: 'issued' as const, issuedOn, ...(dto.decision !== undefined ? { decision: dto.decision } : {}) };
      await updateVersioned(em, Plan, id, version, patch);
      await audit(em, actor, { unitId: plan.unitId, entity: 'plan', entityId: id, action: 'issued', changes: diff(plan, { ...plan, ...patch }, PLAN_FIELDS) });
      return this.detail(id, em);
    });
  }

  close(actor: Actor, id: number): Promise<PlanDetail> {
    return this.change(async (em) => {
      const plan = await this.load(em, id);
      if (plan.status !== 'issued') throw new Conflict('Chỉ khóa sổ được kế hoạch đã ban hành');
      await updateVersioned(em, Plan, id, plan.version, { status: 'closed' });
      await audit(em, actor, { unitId: plan.unitId, entity: 'plan', entityId: id, action: 'closed', changes: { status: { from: plan.status, to: 'closed' } } });
      return this.detail(id, em);
    });
  }

  /** Tasks with no lead official, with the reason, for the chairman to assign. */
  async unassigned(id: number, em: EntityManager = this.db.manager): Promise<UnassignedTask[]> {
    const plan = await this.load(em, id);
    const officials = await em.findBy(Official, { unitId: plan.unitId });
    const tasks = await em.createQueryBuilder(Task, 't').innerJoinAndSelect('t.phuLuc', 'p')
      .where('t.plan_id = :id AND t.assignee_id IS NULL AND t.status <> :cancelled', { id, cancelled: 'cancelled' })
      .orderBy('p.number').addOrderBy('t.ordinal').getMany();
    return tasks.map((t) => {
      const match = matchLead(t.leadText, officials);
      return {
        taskId: t.id,
        phuLuc: t.phuLuc!.number,
        ordinal: t.ordinal,
        leadText: t.leadText,
        reason: match.officialId === null ? LEAD_MATCH_REASONS[match.reason] : 'Chưa giao người chủ trì',
      };
    });
  }

  private async detail(id: number, em: EntityManager): Promise<PlanDetail> {
    const plan = await this.load(em, id);
    const phuLucs = await em.find(PhuLuc, { where: { planId: id }, order: { number: 'ASC' } });
    const tasks = await loadTaskViews(em, { planId: id });
    return {
      ...plan,
      taskCount: tasks.length,
      phuLucs: phuLucs.map(({ id: phuLucId, number, title, heading }) => ({
        id: phuLucId, number, title, heading, tasks: tasks.filter((t) => t.phuLuc === number),
      })),
      unassigned: await this.unassigned(id, em),
    };
  }

  private async load(em: EntityManager, id: number): Promise<Plan> {
    const plan = await em.findOneBy(Plan, { id });
    if (!plan) throw new NotFound('kế hoạch', id);
    return plan;
  }
}
