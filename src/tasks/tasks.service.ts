import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, scopeOf, UserActor } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuditEntry, FieldChanges } from '../audit/entities/audit-entry.entity.js';
import { Conflict, Invalid, NotFound } from '../common/errors.js';
import { todayLocal } from '../common/local-date.js';
import { Transactions } from '../database/transactions.js';
import { expectedVersion, updateVersioned } from '../database/versioned-update.js';
import { EventBus } from '../events/event-bus.js';
import type { Official } from '../organization/entities/official.entity.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import type { PhuLuc } from '../plans/entities/phu-luc.entity.js';
import type { Plan } from '../plans/entities/plan.entity.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { LEAD_MATCH_REASONS, matchLead } from './assignment/match-lead.js';
import { checkCompletionDate, isRefusal, pickOccurrenceToComplete, pickOccurrenceToReopen, Refusal } from './completion.js';
import { AddNoteDto, CancelTaskDto, CompleteTaskDto, CreateTaskDto, ListTasksQuery, OfficialTasksQuery, PlanTasksQuery, TaskHistoryQuery, ReopenTaskDto, TASK_PAGE_MAX, TaskInputDto, UpdateTaskDto } from './dto/task.dto.js';
import { TaskNote } from './entities/task-note.entity.js';
import { Task } from './entities/task.entity.js';
import { scheduleFor, statusAfter } from './task-schedule.js';
import { byUrgency, pageOfTasks, type TaskPage } from './task-filter.js';
import { taskStateOn } from './task-state.js';
import { compactTaskView, type CompactTaskView, type TaskView } from './task-view.js';
import { TasksChanged } from './tasks.events.js';
import { TasksRepository } from './tasks.repository.js';

export interface UnassignedTask {
  taskId: number;
  phuLuc: number;
  ordinal: number;
  leadText: string;
  reason: string;
}

export type TaskAction = 'created' | 'updated' | 'assigned' | 'completed' | 'reopened' | 'cancelled' | 'removed' | 'note' | 'reminded';

function refuse(r: Refusal): never {
  if (r.conflict) throw new Conflict(r.refused);
  throw new Invalid(r.refused, r.field);
}

/**
 * Tasks: their rows in a plan's Phụ lục, assignment, deadlines, completion.
 * Every change publishes TasksChanged after its commit (reminders listen).
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: TasksRepository,
    private readonly plans: PlansRepository,
    private readonly organization: OrganizationRepository,
    private readonly auditTrail: AuditService,
    private readonly events: EventBus,
  ) {}

  /** Runs a change to tasks of one plan; once it commits, reminders hear of it. */
  private change<T>(what: (result: T) => { taskIds: number[]; planId: number }, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(async (em) => {
      const result = await work(em);
      const { taskIds, planId } = what(result);
      this.events.publish(em, new TasksChanged(taskIds, planId));
      return result;
    });
  }

  async get(id: number, em?: EntityManager): Promise<TaskView> {
    const [view] = em ? await this.repo.views(em, { ids: [id] }) : await this.tx.read((m) => this.repo.views(m, { ids: [id] }));
    if (!view) throw new NotFound('nhiệm vụ', id);
    return view;
  }

  /** The tasks of the caller's units. */
  list(actor: Actor, q: ListTasksQuery): Promise<TaskView[]> {
    return this.tx.read((em) => this.repo.views(em, { planId: q.planId, assigneeId: q.assigneeId, status: q.status, unitIds: scopeOf(actor) }));
  }

  /**
   * One page of a plan's tasks under the Kế hoạch view's filters, judged on
   * today's local date, in the compact shape, with the totals of the matches.
   */
  async planPage(planId: number, q: PlanTasksQuery): Promise<TaskPage<CompactTaskView> & { planTotal: number }> {
    return this.tx.read(async (em) => {
      if (!(await this.plans.load(planId, em))) throw new NotFound('kế hoạch', planId);
      const tasks = await this.repo.views(em, { planId });
      const page = pageOfTasks(tasks, {
        phuLuc: q.phuLuc, state: q.state, assigneeId: q.assigneeId, overdue: q.overdue, needsReview: q.needsReview, q: q.q,
      }, todayLocal(), q.offset ?? 0, q.limit ?? TASK_PAGE_MAX);
      return { ...page, planTotal: tasks.length, items: page.items.map(compactTaskView) };
    });
  }

  /** An official's tasks (as lead), most urgent first, one page of them, with how many there are and how many are overdue. */
  async officialPage(officialId: number, q: OfficialTasksQuery): Promise<{ total: number; overdue: number; offset: number; limit: number; items: CompactTaskView[] }> {
    return this.tx.read(async (em) => {
      const today = todayLocal();
      const tasks = byUrgency(await this.repo.views(em, { assigneeId: officialId, status: q.status }), today);
      const offset = q.offset ?? 0;
      const limit = q.limit ?? TASK_PAGE_MAX;
      return {
        total: tasks.length, overdue: tasks.filter((t) => taskStateOn(t, today) === 'overdue').length,
        offset, limit, items: tasks.slice(offset, offset + limit).map(compactTaskView),
      };
    });
  }

  /** A plan's tasks, in Phụ lục and row order. */
  ofPlan(em: EntityManager, planId: number): Promise<TaskView[]> {
    return this.repo.views(em, { planId });
  }

  /** The task's entries of the audit trail: who changed what, when, before → after. */
  async history(id: number, q: TaskHistoryQuery = {}): Promise<(AuditEntry & { taskId: number })[]> {
    if (!(await this.repo.exists(id))) throw new NotFound('nhiệm vụ', id);
    const rows = await this.auditTrail.forEntity('task', id, { limit: q.limit, beforeId: q.beforeId });
    return rows.map((r) => ({ ...r, taskId: r.entityId }));
  }

  notes(id: number): Promise<TaskNote[]> {
    return this.repo.notes(id);
  }

  /** Tasks with no lead official (all, or those of `ids`), with the reason, for the chairman to assign. */
  async unassigned(em: EntityManager, plan: Plan, ids?: number[]): Promise<UnassignedTask[]> {
    if (ids && !ids.length) return [];
    const officials = await this.organization.officialsOf(plan.unitId, {}, em);
    const tasks = await this.repo.unassigned(em, plan.id, ids);
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

  /**
   * The task rows of a plan being created (POST /api/plans, the demo, the
   * importer), in the caller's transaction. `path` prefixes field names in errors.
   */
  async insertRows(em: EntityManager, actor: Actor, plan: Plan, rows: { phuLuc: PhuLuc; input: TaskInputDto; path: string }[]): Promise<void> {
    const officials = await this.organization.officialsOf(plan.unitId, {}, em);
    const ids: number[] = [];
    for (const r of rows) ids.push((await this.insert(em, actor, plan, r.phuLuc, r.input, officials, r.path)).task.id);
    if (ids.length) this.events.publish(em, new TasksChanged(ids, plan.id));
  }

  /** A progress note: by the lead official, a coordinator, or the unit's leaders (the guard decided who). */
  addNote(actor: UserActor, id: number, dto: AddNoteDto): Promise<TaskNote> {
    return this.tx.run(async (em) => {
      const task = await this.load(em, id);
      const plan = await this.writablePlanOf(em, task, 'ghi tiến độ');
      const note = await em.save(TaskNote, em.create(TaskNote, { taskId: id, authorUserId: actor.userId, authorName: actor.name, text: dto.text.trim() }));
      await this.record(em, actor, plan.unitId, id, 'note', { note: { from: null, to: note.text } });
      return note;
    });
  }

  create(actor: Actor, planId: number, dto: CreateTaskDto): Promise<{ task: TaskView; unassigned: UnassignedTask | null }> {
    return this.change((r) => ({ taskIds: [r.task.id], planId }), async (em) => {
      const plan = await this.plans.load(planId, em);
      if (!plan) throw new NotFound('kế hoạch', planId);
      if (plan.status === 'closed') throw new Conflict('Kế hoạch đã khóa sổ, không thể thêm nhiệm vụ');
      // locked so that two tasks added at once to one Phụ lục get different numbers
      const phuLuc = await this.plans.phuLuc(em, planId, dto.phuLuc, { lock: true });
      if (!phuLuc) throw new NotFound('Phụ lục', dto.phuLuc);
      const officials = await this.organization.officialsOf(plan.unitId, {}, em);
      const { phuLuc: _n, ...input } = dto;
      const { task, unassigned } = await this.insert(em, actor, plan, phuLuc, input, officials);
      return { task: await this.get(task.id, em), unassigned };
    });
  }

  update(actor: Actor, id: number, dto: UpdateTaskDto): Promise<TaskView> {
    return this.change((task) => ({ taskIds: [id], planId: task.planId }), async (em) => {
      const task = await this.load(em, id);
      const version = expectedVersion(task, dto.version);
      const plan = await this.planOf(em, task);
      if (plan.status === 'closed') throw new Conflict('Kế hoạch đã khóa sổ, không thể sửa nhiệm vụ');
      await this.checkOfficials(em, plan.unitId, dto.assigneeId, dto.coordinatorIds);
      const changes: FieldChanges = {};
      const patch: Partial<Task> = {};
      const note = (field: keyof Task & keyof UpdateTaskDto, value: unknown) => {
        if (value === undefined || JSON.stringify(task[field]) === JSON.stringify(value)) return;
        changes[field] = { from: task[field], to: value };
        (patch as Record<string, unknown>)[field] = value;
      };
      for (const field of ['content', 'products', 'leadText', 'coordinatorsText', 'assigneeId', 'ordinal'] as const) {
        note(field, dto[field]);
      }
      let phuLuc = (await this.plans.phuLucById(em, task.phuLucId))!;
      if (dto.phuLuc !== undefined && dto.phuLuc !== phuLuc.number) {
        const target = (await this.plans.phuLuc(em, plan.id, dto.phuLuc))!;
        changes.phuLuc = { from: phuLuc.number, to: target.number };
        patch.phuLucId = target.id;
        phuLuc = target;
      }
      if (patch.phuLucId !== undefined || patch.ordinal !== undefined) {
        await this.ensureOrdinalFree(em, phuLuc, patch.ordinal ?? task.ordinal, task.id);
      }
      if (dto.deadlineText !== undefined && dto.deadlineText !== task.deadlineText) {
        const planned = scheduleFor(dto.deadlineText, plan.year);
        const previous = await this.repo.dueDates(em, id);
        const merged = await this.repo.writeDueDates(em, id, previous, planned.dueDates);
        Object.assign(patch, planned.fields);
        changes.deadlineText = { from: task.deadlineText, to: dto.deadlineText };
        changes.dueDates = { from: previous.map((d) => d.dueOn), to: merged.map((d) => d.dueOn) };
        const status = statusAfter(task, merged);
        if (status !== task.status) {
          patch.status = status;
          changes.status = { from: task.status, to: status };
        }
      }
      if (dto.coordinatorIds !== undefined) {
        const before = (await this.repo.coordinatorRows(em, [id])).map((r) => Number(r.official_id)).sort((a, b) => a - b);
        const after = [...new Set(dto.coordinatorIds)].sort((a, b) => a - b);
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          await this.repo.replaceCoordinators(em, id, after);
          changes.coordinatorIds = { from: before, to: after };
        }
      }
      if (!Object.keys(changes).length) return this.get(id, em);
      await updateVersioned(em, Task, id, version, patch);
      const assignmentOnly = Object.keys(changes).every((k) => k === 'assigneeId' || k === 'coordinatorIds');
      await this.record(em, actor, plan.unitId, id, assignmentOnly ? 'assigned' : 'updated', changes);
      return this.get(id, em);
    });
  }

  complete(actor: Actor, id: number, dto: CompleteTaskDto, today: string = todayLocal()): Promise<TaskView> {
    return this.change((task) => ({ taskIds: [id], planId: task.planId }), async (em) => {
      const task = await this.load(em, id);
      const version = expectedVersion(task, dto.version);
      if (task.status === 'cancelled') throw new Conflict('Nhiệm vụ đã bị hủy, không thể đánh dấu hoàn thành');
      const plan = await this.writablePlanOf(em, task, 'đánh dấu hoàn thành');
      const completedOn = dto.completedOn ?? today;
      const dateRefusal = checkCompletionDate(completedOn, today, plan.year);
      if (dateRefusal) refuse(dateRefusal);
      const occurrences = await this.repo.dueDates(em, id);
      const target = pickOccurrenceToComplete(occurrences, dto.dueOn);
      if (isRefusal(target)) refuse(target);
      const evidence = dto.evidence?.trim() || null;
      await this.repo.completeOccurrence(em, target.id, completedOn, evidence);
      target.completedOn = completedOn;
      const status = statusAfter(task, occurrences);
      await updateVersioned(em, Task, id, version, { status });
      await this.record(em, actor, plan.unitId, id, 'completed', {
        dueOn: { from: null, to: target.dueOn },
        completedOn: { from: null, to: completedOn },
        evidence: { from: null, to: evidence },
        ...(status !== task.status ? { status: { from: task.status, to: status } } : {}),
      });
      return this.get(id, em);
    });
  }

  reopen(actor: Actor, id: number, dto: ReopenTaskDto): Promise<TaskView> {
    return this.change((task) => ({ taskIds: [id], planId: task.planId }), async (em) => {
      const task = await this.load(em, id);
      const plan = await this.writablePlanOf(em, task, 'mở lại nhiệm vụ');
      const version = expectedVersion(task, dto.version);
      if (task.status === 'cancelled') throw new Conflict('Nhiệm vụ đã bị hủy, không thể mở lại');
      const occurrences = await this.repo.dueDates(em, id);
      const target = pickOccurrenceToReopen(occurrences, dto.dueOn);
      if (isRefusal(target)) refuse(target);
      const before = { completedOn: target.completedOn, evidence: target.evidence };
      await this.repo.completeOccurrence(em, target.id, null, null);
      await updateVersioned(em, Task, id, version, { status: 'open' });
      await this.record(em, actor, plan.unitId, id, 'reopened', {
        dueOn: { from: target.dueOn, to: target.dueOn },
        completedOn: { from: before.completedOn, to: null },
        evidence: { from: before.evidence, to: null },
        ...(task.status !== 'open' ? { status: { from: task.status, to: 'open' } } : {}),
      }, dto.reason);
      return this.get(id, em);
    });
  }

  cancel(actor: Actor, id: number, dto: CancelTaskDto): Promise<TaskView> {
    return this.change((task) => ({ taskIds: [id], planId: task.planId }), async (em) => {
      const task = await this.load(em, id);
      const plan = await this.writablePlanOf(em, task, 'hủy nhiệm vụ');
      const version = expectedVersion(task, dto.version);
      if (task.status === 'cancelled') throw new Conflict('Nhiệm vụ đã bị hủy trước đó');
      await updateVersioned(em, Task, id, version, { status: 'cancelled' });
      await this.record(em, actor, plan.unitId, id, 'cancelled', { status: { from: task.status, to: 'cancelled' } }, dto.reason);
      return this.get(id, em);
    });
  }

  /**
   * Removes a task row from a plan still in draft (a row typed by mistake).
   * Once a plan is issued its tasks are kept: they are cancelled, with a reason.
   * Its due dates, notes and coordinators go with it; the audit trail keeps what it was.
   */
  async remove(actor: Actor, id: number, version?: number): Promise<void> {
    await this.change((planId: number) => ({ taskIds: [id], planId }), async (em) => {
      const task = await this.load(em, id);
      const plan = await this.planOf(em, task);
      if (plan.status !== 'draft') {
        throw new Conflict('Kế hoạch đã ban hành nên không xóa được nhiệm vụ; hãy hủy nhiệm vụ và ghi lý do.');
      }
      expectedVersion(task, version);
      await this.record(em, actor, plan.unitId, id, 'removed', {
        content: { from: task.content, to: null }, deadlineText: { from: task.deadlineText, to: null }, ordinal: { from: task.ordinal, to: null },
      });
      await em.delete(Task, { id });
      return plan.id;
    });
  }

  private async load(em: EntityManager, id: number): Promise<Task> {
    const task = await this.repo.load(em, id);
    if (!task) throw new NotFound('nhiệm vụ', id);
    return task;
  }

  private async planOf(em: EntityManager, task: Task): Promise<Plan> {
    return (await this.plans.load(task.planId, em))!;
  }

  /** A closed plan (khóa sổ) refuses every change to its tasks until the chairman reopens it. */
  private async writablePlanOf(em: EntityManager, task: Task, what: string): Promise<Plan> {
    const plan = await this.planOf(em, task);
    if (plan.status === 'closed') throw new Conflict(`Kế hoạch đã khóa sổ, không thể ${what}. Chủ tịch mở lại kế hoạch để thay đổi.`);
    return plan;
  }

  /** A change to a task, in the audit trail the task shows as its history. */
  private record(
    em: EntityManager, actor: Actor, unitId: number, taskId: number, action: TaskAction, changes: FieldChanges, note: string | null = null,
  ): Promise<void> {
    return audit(em, actor, { unitId, entity: 'task', entityId: taskId, action, changes, note });
  }

  /** Officials a task may name: those of the plan's unit. A stranger id is a bad field. */
  private async checkOfficials(
    em: EntityManager, unitId: number, assigneeId: number | null | undefined, coordinatorIds: number[] | undefined, path = '',
  ): Promise<void> {
    const wanted = [...new Set([...(assigneeId ? [assigneeId] : []), ...(coordinatorIds ?? [])])];
    if (!wanted.length) return;
    const found = await this.organization.officialsOfUnitAmong(unitId, wanted, em);
    const known = new Set(found.map((o) => o.id));
    if (assigneeId && !known.has(assigneeId)) {
      throw new Invalid(`${path}assigneeId: không có cán bộ mã ${assigneeId} trong đơn vị của kế hoạch`, `${path}assigneeId`);
    }
    const missing = (coordinatorIds ?? []).filter((id) => !known.has(id));
    if (missing.length) {
      throw new Invalid(`${path}coordinatorIds: không có cán bộ mã ${missing.join(', ')} trong đơn vị của kế hoạch`, `${path}coordinatorIds`);
    }
  }

  private async ensureOrdinalFree(em: EntityManager, phuLuc: PhuLuc, ordinal: number, exceptTaskId?: number): Promise<void> {
    const clash = await this.repo.taskWithOrdinal(em, phuLuc.id, ordinal);
    if (clash && clash.id !== exceptTaskId) {
      throw new Conflict(`Phụ lục ${String(phuLuc.number).padStart(2, '0')} đã có nhiệm vụ số thứ tự ${ordinal}`);
    }
  }

  /** Inserts one task row of a plan, matching its lead cell to an official when no assignee is given. */
  private async insert(
    em: EntityManager, actor: Actor, plan: Plan, phuLuc: PhuLuc, input: TaskInputDto, unitOfficials: Official[], path = '',
  ): Promise<{ task: Task; unassigned: UnassignedTask | null }> {
    await this.checkOfficials(em, plan.unitId, input.assigneeId, input.coordinatorIds, path);
    const ordinal = input.ordinal ?? (await this.repo.nextOrdinal(em, phuLuc.id));
    await this.ensureOrdinalFree(em, phuLuc, ordinal);
    const leadText = input.leadText ?? '';
    let assigneeId = input.assigneeId ?? null;
    let reason: string | null = null;
    if (input.assigneeId === undefined) {
      const match = matchLead(leadText, unitOfficials);
      assigneeId = match.officialId;
      if (match.officialId === null) reason = LEAD_MATCH_REASONS[match.reason];
    } else if (assigneeId === null) {
      reason = 'Chưa giao người chủ trì';
    }
    const planned = scheduleFor(input.deadlineText ?? '', plan.year);
    const task = await em.save(em.create(Task, {
      planId: plan.id,
      phuLucId: phuLuc.id,
      ordinal,
      content: input.content,
      products: input.products ?? [],
      leadText,
      coordinatorsText: input.coordinatorsText ?? '',
      ...planned.fields,
      assigneeId,
      status: 'open',
    }));
    await this.repo.writeDueDates(em, task.id, [], planned.dueDates);
    if (input.coordinatorIds?.length) await this.repo.replaceCoordinators(em, task.id, input.coordinatorIds);
    await this.record(em, actor, plan.unitId, task.id, 'created', {
      content: { from: null, to: task.content },
      leadText: { from: null, to: leadText },
      deadlineText: { from: null, to: task.deadlineText },
      assigneeId: { from: null, to: assigneeId },
    });
    return {
      task,
      unassigned: reason ? { taskId: task.id, phuLuc: phuLuc.number, ordinal, leadText, reason } : null,
    };
  }
}
