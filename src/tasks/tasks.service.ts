import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Conflict, Invalid, NotFound } from '../common/errors.js';
import { todayLocal } from '../common/local-date.js';
import { Official } from '../organization/entities/official.entity.js';
import { PhuLuc } from '../plans/entities/phu-luc.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { forUpdate, Transactions } from '../database/transactions.js';
import { expectedVersion, updateVersioned } from '../database/versioned-update.js';
import { checkCompletionDate, isRefusal, pickOccurrenceToComplete, pickOccurrenceToReopen, Refusal } from './completion.js';
import { AddNoteDto, CancelTaskDto, CompleteTaskDto, CreateTaskDto, ListTasksQuery, ReopenTaskDto, UpdateTaskDto } from './dto/task.dto.js';
import type { FieldChanges } from '../audit/entities/audit-entry.entity.js';
import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import { Actor, scopeOf, UserActor } from '../auth/actor.js';
import { TaskNote } from './entities/task-note.entity.js';
import { TaskDueDate } from './entities/task-due-date.entity.js';
import { Task } from './entities/task.entity.js';
import {
  checkOfficials, coordinatorRows, ensureOrdinalFree, insertTask, loadTaskViews, recordHistory, replaceCoordinators, scheduleFor,
  statusAfter, UnassignedTask, writeDueDates,
} from './task-store.js';
import { TaskView } from './task-view.js';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service.js';

function refuse(r: Refusal): never {
  if (r.conflict) throw new Conflict(r.refused);
  throw new Invalid(r.refused, r.field);
}

@Injectable()
export class TasksService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly reminders: ReminderScheduler,
  ) {}

  /** Runs a change, then brings the task's reminder jobs in line with it (after the commit). */
  private async change<T>(taskIds: (result: T) => number[], work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.tx.run(work);
    await this.reminders.syncTasks(taskIds(result));
    return result;
  }

  async get(id: number, em?: EntityManager): Promise<TaskView> {
    const [view] = em ? await loadTaskViews(em, { ids: [id] }) : await this.tx.read((m) => loadTaskViews(m, { ids: [id] }));
    if (!view) throw new NotFound('nhiệm vụ', id);
    return view;
  }

  /** The tasks of the caller's units. */
  list(actor: Actor, q: ListTasksQuery): Promise<TaskView[]> {
    return this.tx.read((em) => loadTaskViews(em, { planId: q.planId, assigneeId: q.assigneeId, status: q.status, unitIds: scopeOf(actor) }));
  }

  /** The task's entries of the audit trail: who changed what, when, before → after. */
  async history(id: number): Promise<(AuditEntry & { taskId: number })[]> {
    await this.load(this.db.manager, id);
    const rows = await this.db.getRepository(AuditEntry).find({ where: { entity: 'task', entityId: id }, order: { id: 'ASC' } });
    return rows.map((r) => ({ ...r, taskId: r.entityId }));
  }

  notes(id: number): Promise<TaskNote[]> {
    return this.db.getRepository(TaskNote).find({ where: { taskId: id }, order: { id: 'ASC' } });
  }

  /** A progress note: by the lead official, a coordinator, or the unit's leaders (the guard decided who). */
  addNote(actor: UserActor, id: number, dto: AddNoteDto): Promise<TaskNote> {
    return this.tx.run(async (em) => {
      const task = await this.load(em, id);
      const plan = await em.findOneByOrFail(Plan, { id: task.planId });
      const note = await em.save(TaskNote, em.create(TaskNote, { taskId: id, authorUserId: actor.userId, authorName: actor.name, text: dto.text.trim() }));
      await recordHistory(em, actor, plan.unitId, id, 'note', { note: { from: null, to: note.text } });
      return note;
    });
  }

  create(actor: Actor, planId: number, dto: CreateTaskDto): Promise<{ task: TaskView; unassigned: UnassignedTask | null }> {
    return this.change((r) => [r.task.id], async (em) => {
      const plan = await em.findOneBy(Plan, { id: planId });
      if (!plan) throw new NotFound('kế hoạch', planId);
      if (plan.status === 'closed') throw new Conflict('Kế hoạch đã khóa sổ, không thể thêm nhiệm vụ');
      // locked so that two tasks added at once to one Phụ lục get different numbers
      const phuLuc = await em.findOneOrFail(PhuLuc, { where: { planId, number: dto.phuLuc }, ...forUpdate(em) });
      const officials = await em.findBy(Official, { unitId: plan.unitId });
      const { phuLuc: _n, ...input } = dto;
      const { task, unassigned } = await insertTask(em, actor, plan, phuLuc, input, officials);
      return { task: await this.get(task.id, em), unassigned };
    });
  }

  update(actor: Actor, id: number, dto: UpdateTaskDto): Promise<TaskView> {
    return this.change(() => [id], async (em) => {
      const task = await this.load(em, id);
      const version = expectedVersion(task, dto.version);
      const plan = await em.findOneByOrFail(Plan, { id: task.planId });
      if (plan.status === 'closed') throw new Conflict('Kế hoạch đã khóa sổ, không thể sửa nhiệm vụ');
      await checkOfficials(em, plan.unitId, dto.assigneeId, dto.coordinatorIds);
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
      let phuLuc = await em.findOneByOrFail(PhuLuc, { id: task.phuLucId });
      if (dto.phuLuc !== undefined && dto.phuLuc !== phuLuc.number) {
        const target = await em.findOneByOrFail(PhuLuc, { planId: plan.id, number: dto.phuLuc });
        changes.phuLuc = { from: phuLuc.number, to: target.number };
        patch.phuLucId = target.id;
        phuLuc = target;
      }
      if (patch.phuLucId !== undefined || patch.ordinal !== undefined) {
        await ensureOrdinalFree(em, phuLuc, patch.ordinal ?? task.ordinal, task.id);
      }
      if (dto.deadlineText !== undefined && dto.deadlineText !== task.deadlineText) {
        const planned = scheduleFor(dto.deadlineText, plan.year);
        const previous = await em.findBy(TaskDueDate, { taskId: id });
        const merged = await writeDueDates(em, id, previous, planned.dueDates);
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
        const before = (await coordinatorRows(em, [id])).map((r) => Number(r.official_id)).sort((a, b) => a - b);
        const after = [...new Set(dto.coordinatorIds)].sort((a, b) => a - b);
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          await replaceCoordinators(em, id, after);
          changes.coordinatorIds = { from: before, to: after };
        }
      }
      if (!Object.keys(changes).length) return this.get(id, em);
      await updateVersioned(em, Task, id, version, patch);
      const assignmentOnly = Object.keys(changes).every((k) => k === 'assigneeId' || k === 'coordinatorIds');
      await recordHistory(em, actor, plan.unitId, id, assignmentOnly ? 'assigned' : 'updated', changes);
      return this.get(id, em);
    });
  }

  complete(actor: Actor, id: number, dto: CompleteTaskDto, today: string = todayLocal()): Promise<TaskView> {
    return this.change(() => [id], async (em) => {
      const task = await this.load(em, id);
      const version = expectedVersion(task, dto.version);
      if (task.status === 'cancelled') throw new Conflict('Nhiệm vụ đã bị hủy, không thể đánh dấu hoàn thành');
      const plan = await em.findOneByOrFail(Plan, { id: task.planId });
      const completedOn = dto.completedOn ?? today;
      const dateRefusal = checkCompletionDate(completedOn, today, plan.year);
      if (dateRefusal) refuse(dateRefusal);
      const occurrences = await em.findBy(TaskDueDate, { taskId: id });
      const target = pickOccurrenceToComplete(occurrences, dto.dueOn);
      if (isRefusal(target)) refuse(target);
      const evidence = dto.evidence?.trim() || null;
      await em.update(TaskDueDate, target.id, { completedOn, evidence });
      target.completedOn = completedOn;
      const status = statusAfter(task, occurrences);
      await updateVersioned(em, Task, id, version, { status });
      await recordHistory(em, actor, plan.unitId, id, 'completed', {
        dueOn: { from: null, to: target.dueOn },
        completedOn: { from: null, to: completedOn },
        evidence: { from: null, to: evidence },
        ...(status !== task.status ? { status: { from: task.status, to: status } } : {}),
      });
      return this.get(id, em);
    });
  }

  reopen(actor: Actor, id: number, dto: ReopenTaskDto): Promise<TaskView> {
    return this.change(() => [id], async (em) => {
      const task = await this.load(em, id);
      const plan = await em.findOneByOrFail(Plan, { id: task.planId });
      const version = expectedVersion(task, dto.version);
      if (task.status === 'cancelled') throw new Conflict('Nhiệm vụ đã bị hủy, không thể mở lại');
      const occurrences = await em.findBy(TaskDueDate, { taskId: id });
      const target = pickOccurrenceToReopen(occurrences, dto.dueOn);
      if (isRefusal(target)) refuse(target);
      const before = { completedOn: target.completedOn, evidence: target.evidence };
      await em.update(TaskDueDate, target.id, { completedOn: null, evidence: null });
      await updateVersioned(em, Task, id, version, { status: 'open' });
      await recordHistory(em, actor, plan.unitId, id, 'reopened', {
        dueOn: { from: target.dueOn, to: target.dueOn },
        completedOn: { from: before.completedOn, to: null },
        evidence: { from: before.evidence, to: null },
        ...(task.status !== 'open' ? { status: { from: task.status, to: 'open' } } : {}),
      }, dto.reason);
      return this.get(id, em);
    });
  }

  cancel(actor: Actor, id: number, dto: CancelTaskDto): Promise<TaskView> {
    return this.change(() => [id], async (em) => {
      const task = await this.load(em, id);
      const plan = await em.findOneByOrFail(Plan, { id: task.planId });
      const version = expectedVersion(task, dto.version);
      if (task.status === 'cancelled') throw new Conflict('Nhiệm vụ đã bị hủy trước đó');
      await updateVersioned(em, Task, id, version, { status: 'cancelled' });
      await recordHistory(em, actor, plan.unitId, id, 'cancelled', { status: { from: task.status, to: 'cancelled' } }, dto.reason);
      return this.get(id, em);
    });
  }

  private async load(em: EntityManager, id: number): Promise<Task> {
    const task = await em.findOneBy(Task, { id });
    if (!task) throw new NotFound('nhiệm vụ', id);
    return task;
  }
}
