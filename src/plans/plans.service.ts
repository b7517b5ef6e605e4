import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, inScope, scopeOf } from '../access/actor.js';
import { audit, diff } from '../audit/audit.js';
import { Conflict, Invalid, NotFound } from '../common/errors.js';
import { todayLocal } from '../common/local-date.js';
import { expectedVersion, updateVersioned } from '../database/versioned-update.js';
import { EventBus } from '../events/event-bus.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { IssuePlanDto, ListPlansQuery, UpdatePlanDto } from './dto/plan.dto.js';
import { PhuLuc } from './entities/phu-luc.entity.js';
import { Plan } from './entities/plan.entity.js';
import { PHU_LUC_AREAS, PHU_LUC_NUMBERS } from './phu-luc-areas.js';
import { PlanChanged, PlanClosed, PlanIssued } from './plans.events.js';
import { PlansRepository } from './plans.repository.js';

const PLAN_FIELDS = ['unitId', 'number', 'title', 'year', 'issuedOn', 'decision', 'status'] as const;

/** What a new plan says of itself; its Phụ lục's titles and headings when the document gives them. */
export interface PlanHeaderInput {
  unitId: number;
  number: string;
  title: string;
  year: number;
  issuedOn?: string | null;
  decision?: string | null;
  status?: 'draft' | 'issued';
  phuLucs?: { number: number; title?: string; heading?: string | null }[];
}

/**
 * The plan itself: its header, its seven Phụ lục, and its life (draft →
 * issued → closed). Every change takes the caller's transaction, so that the
 * plan's tasks (a feature above this one) can be written in the same one, and
 * publishes its event after the commit.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly repo: PlansRepository,
    private readonly organization: OrganizationRepository,
    private readonly events: EventBus,
  ) {}

  /** The plans of the caller's units. */
  async list(actor: Actor, q: ListPlansQuery): Promise<Plan[]> {
    const scope = scopeOf(actor);
    if (q.unitId && !inScope(actor, q.unitId)) return [];
    const unitId = q.unitId ?? (scope ? In(scope) : undefined);
    return this.repo.find({ ...(unitId !== undefined ? { unitId } : {}), ...(q.year ? { year: q.year } : {}) });
  }

  async load(em: EntityManager, id: number): Promise<Plan> {
    const plan = await this.repo.load(id, em);
    if (!plan) throw new NotFound('kế hoạch', id);
    return plan;
  }

  /** A new plan and its seven Phụ lục. */
  async create(em: EntityManager, actor: Actor, dto: PlanHeaderInput): Promise<{ plan: Plan; phuLucs: PhuLuc[] }> {
    const unit = inScope(actor, dto.unitId) ? await this.organization.unit(dto.unitId, em) : null;
    if (!unit) throw new Invalid(`unitId: không có đơn vị mã ${dto.unitId}`, 'unitId');
    const duplicate = await this.repo.sameNumber(em, dto.unitId, dto.year, dto.number);
    if (duplicate) throw new Conflict(`Đơn vị đã có kế hoạch số ${dto.number} năm ${dto.year} (mã ${duplicate.id})`);
    // an issued plan states when: the same rule as POST /api/plans/:id/issue
    if (dto.status === 'issued' && dto.issuedOn && dto.issuedOn > todayLocal()) {
      throw new Invalid('issuedOn: ngày ban hành không được ở tương lai', 'issuedOn');
    }
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
    const given = new Map((dto.phuLucs ?? []).map((p) => [p.number, p]));
    const phuLucs: PhuLuc[] = [];
    for (const number of PHU_LUC_NUMBERS) {
      const input = given.get(number);
      phuLucs.push(await em.save(PhuLuc, em.create(PhuLuc, {
        planId: plan.id,
        number,
        title: input?.title ?? PHU_LUC_AREAS[number],
        heading: input?.heading ?? null,
      })));
    }
    this.events.publish(em, new PlanChanged(plan.id, plan.unitId));
    return { plan, phuLucs };
  }

  async update(em: EntityManager, actor: Actor, id: number, dto: UpdatePlanDto): Promise<void> {
    const plan = await this.load(em, id);
    const version = expectedVersion(plan, dto.version);
    if (plan.status === 'closed') throw new Conflict('Kế hoạch đã khóa sổ, không thể sửa');
    const { version: _v, ...patch } = dto;
    if (patch.number && patch.number !== plan.number) {
      const duplicate = await this.repo.sameNumber(em, plan.unitId, plan.year, patch.number);
      if (duplicate) throw new Conflict(`Đơn vị đã có kế hoạch số ${patch.number} năm ${plan.year}`);
    }
    const changes = diff(plan, { ...plan, ...patch }, PLAN_FIELDS);
    if (!Object.keys(changes).length) return;
    await updateVersioned(em, Plan, id, version, patch);
    await audit(em, actor, { unitId: plan.unitId, entity: 'plan', entityId: id, action: 'updated', changes });
    this.events.publish(em, new PlanChanged(id, plan.unitId));
  }

  async issue(em: EntityManager, actor: Actor, id: number, dto: IssuePlanDto, today: string = todayLocal()): Promise<void> {
    const plan = await this.load(em, id);
    const version = expectedVersion(plan, dto.version);
    if (plan.status !== 'draft') throw new Conflict(`Kế hoạch đang ở trạng thái ${plan.status}, chỉ ban hành được bản nháp`);
    const issuedOn = dto.issuedOn ?? plan.issuedOn ?? today;
    if (issuedOn > today) throw new Invalid('issuedOn: ngày ban hành không được ở tương lai', 'issuedOn');
    const patch = { status: 'issued' as const, issuedOn, ...(dto.decision !== undefined ? { decision: dto.decision } : {}) };
    await updateVersioned(em, Plan, id, version, patch);
    await audit(em, actor, { unitId: plan.unitId, entity: 'plan', entityId: id, action: 'issued', changes: diff(plan, { ...plan, ...patch }, PLAN_FIELDS) });
    this.events.publish(em, new PlanIssued(id, plan.unitId));
  }

  /** The chairman reopens a closed plan (to correct it); recorded, and its reminders come back. */
  async reopen(em: EntityManager, actor: Actor, id: number, reason: string): Promise<void> {
    const plan = await this.load(em, id);
    if (plan.status !== 'closed') throw new Conflict('Chỉ mở lại được kế hoạch đã khóa sổ');
    await updateVersioned(em, Plan, id, plan.version, { status: 'issued' });
    await audit(em, actor, { unitId: plan.unitId, entity: 'plan', entityId: id, action: 'reopened', changes: { status: { from: 'closed', to: 'issued' } }, note: reason });
    this.events.publish(em, new PlanIssued(id, plan.unitId));
  }

  async close(em: EntityManager, actor: Actor, id: number): Promise<void> {
    const plan = await this.load(em, id);
    if (plan.status !== 'issued') throw new Conflict('Chỉ khóa sổ được kế hoạch đã ban hành');
    await updateVersioned(em, Plan, id, plan.version, { status: 'closed' });
    await audit(em, actor, { unitId: plan.unitId, entity: 'plan', entityId: id, action: 'closed', changes: { status: { from: plan.status, to: 'closed' } } });
    this.events.publish(em, new PlanClosed(id, plan.unitId));
  }
}
