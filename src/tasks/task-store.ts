import { EntityManager, In } from 'typeorm';
import { Conflict, Invalid } from '../common/errors.js';
import { parseDeadline } from '../deadlines/parse-deadline.js';
import { Official } from '../organization/entities/official.entity.js';
import { PhuLuc } from '../plans/entities/phu-luc.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { LEAD_MATCH_REASONS, matchLead } from './assignment/match-lead.js';
import { allCompleted, mergeOccurrences, Occurrence } from './completion.js';
import { TaskInputDto } from './dto/task.dto.js';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.js';
import type { FieldChanges } from '../audit/entities/audit-entry.entity.js';
import { TaskDueDate } from './entities/task-due-date.entity.js';
import { Task } from './entities/task.entity.js';
import { TaskView, taskView } from './task-view.js';

/**
 * Writing tasks, shared by the plan importer and the task endpoints. Every
 * function takes the transaction's EntityManager: a task, its due dates, its
 * coordinators and its audit record are written together or not at all.
 */

export interface UnassignedTask {
  taskId: number;
  phuLuc: number;
  ordinal: number;
  leadText: string;
  reason: string;
}

export type TaskAction = 'created' | 'updated' | 'assigned' | 'completed' | 'reopened' | 'cancelled' | 'note' | 'reminded';

/** A change to a task, in the audit trail the task shows as its history. */
export function recordHistory(
  em: EntityManager, actor: Actor, unitId: number, taskId: number, action: TaskAction, changes: FieldChanges, note: string | null = null,
): Promise<void> {
  return audit(em, actor, { unitId, entity: 'task', entityId: taskId, action, changes, note });
}

/** Officials a task may name: those of the plan's unit. A stranger id is a bad field. */
export async function checkOfficials(
  em: EntityManager, unitId: number, assigneeId: number | null | undefined, coordinatorIds: number[] | undefined, path = '',
): Promise<Official[]> {
  const wanted = [...new Set([...(assigneeId ? [assigneeId] : []), ...(coordinatorIds ?? [])])];
  if (!wanted.length) return [];
  const found = await em.findBy(Official, { id: In(wanted), unitId });
  const known = new Set(found.map((o) => o.id));
  if (assigneeId && !known.has(assigneeId)) {
    throw new Invalid(`${path}assigneeId: không có cán bộ mã ${assigneeId} trong đơn vị của kế hoạch`, `${path}assigneeId`);
  }
  const missing = (coordinatorIds ?? []).filter((id) => !known.has(id));
  if (missing.length) {
    throw new Invalid(`${path}coordinatorIds: không có cán bộ mã ${missing.join(', ')} trong đơn vị của kế hoạch`, `${path}coordinatorIds`);
  }
  return found;
}

export async function replaceCoordinators(em: EntityManager, taskId: number, officialIds: number[]): Promise<void> {
  await em.createQueryBuilder().delete().from('task_coordinator').where('task_id = :taskId', { taskId }).execute();
  const unique = [...new Set(officialIds)];
  if (unique.length) {
    await em.createQueryBuilder().insert().into('task_coordinator', ['task_id', 'official_id'])
      .values(unique.map((official_id) => ({ task_id: taskId, official_id }))).execute();
  }
}

/** The (task, official) coordinator pairs of these tasks. */
export function coordinatorRows(em: EntityManager, taskIds: number[]): Promise<{ task_id: number; official_id: number }[]> {
  return em.createQueryBuilder().select(['task_id', 'official_id']).from('task_coordinator', 'tc')
    .where('tc.task_id IN (:...ids)', { ids: taskIds.length ? taskIds : [0] }).getRawMany();
}

export async function ensureOrdinalFree(em: EntityManager, phuLuc: PhuLuc, ordinal: number, exceptTaskId?: number): Promise<void> {
  const clash = await em.findOneBy(Task, { phuLucId: phuLuc.id, ordinal });
  if (clash && clash.id !== exceptTaskId) {
    throw new Conflict(`Phụ lục ${String(phuLuc.number).padStart(2, '0')} đã có nhiệm vụ số thứ tự ${ordinal}`);
  }
}

async function nextOrdinal(em: EntityManager, phuLucId: number): Promise<number> {
  const row = await em.createQueryBuilder(Task, 't').select('MAX(t.ordinal)', 'max').where('t.phu_luc_id = :phuLucId', { phuLucId }).getRawOne();
  return Number(row?.max ?? 0) + 1;
}

/** The task fields and due dates a deadline text stands for, in the plan's year. */
export function scheduleFor(deadlineText: string, year: number) {
  const schedule = parseDeadline(deadlineText, year);
  const labels = new Map<string, string[]>();
  for (const item of schedule.items) {
    if (item.label) labels.set(item.dueOn, [...(labels.get(item.dueOn) ?? []), item.label]);
  }
  return {
    fields: {
      deadlineText,
      scheduleKind: schedule.kind,
      needsReview: schedule.needsReview,
      schedule: { items: schedule.items, notes: schedule.notes },
    },
    dueDates: schedule.dueDates.map((dueOn) => ({ dueOn, label: labels.get(dueOn)?.join('; ').slice(0, 500) ?? null })),
  };
}

/** Replaces a task's due-date rows, carrying over completions of due dates that survive. */
export async function writeDueDates(
  em: EntityManager, taskId: number, previous: Occurrence[], next: { dueOn: string; label: string | null }[],
): Promise<Occurrence[]> {
  const merged = mergeOccurrences(previous, next);
  await em.delete(TaskDueDate, { taskId });
  await em.insert(TaskDueDate, merged.map((o) => ({ ...o, taskId })));
  return merged;
}

export function statusAfter(task: Task, occurrences: Occurrence[]): Task['status'] {
  if (task.status === 'cancelled') return 'cancelled';
  return allCompleted(occurrences) ? 'done' : 'open';
}

/** Inserts one task row of a plan, matching its lead cell to an official when no assignee is given. */
export async function insertTask(
  em: EntityManager, actor: Actor, plan: Plan, phuLuc: PhuLuc, input: TaskInputDto, unitOfficials: Official[], path = '',
): Promise<{ task: Task; unassigned: UnassignedTask | null }> {
  await checkOfficials(em, plan.unitId, input.assigneeId, input.coordinatorIds, path);
  const ordinal = input.ordinal ?? (await nextOrdinal(em, phuLuc.id));
  await ensureOrdinalFree(em, phuLuc, ordinal);
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
  const task = em.create(Task, {
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
  });
  await em.save(task);
  await writeDueDates(em, task.id, [], planned.dueDates);
  if (input.coordinatorIds?.length) await replaceCoordinators(em, task.id, input.coordinatorIds);
  await recordHistory(em, actor, plan.unitId, task.id, 'created', {
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

/** Loads tasks with their Phụ lục number, due dates and coordinators in four queries, whatever their number. */
export async function loadTaskViews(
  em: EntityManager, where: { planId?: number; ids?: number[]; assigneeId?: number; status?: string; unitIds?: number[] },
): Promise<TaskView[]> {
  const qb = em.createQueryBuilder(Task, 't').innerJoinAndSelect('t.phuLuc', 'p');
  if (where.unitIds !== undefined) {
    qb.andWhere('t.plan_id IN (SELECT id FROM plan WHERE unit_id IN (:...unitIds))', { unitIds: where.unitIds.length ? where.unitIds : [0] });
  }
  if (where.planId !== undefined) qb.andWhere('t.plan_id = :planId', { planId: where.planId });
  if (where.ids !== undefined) qb.andWhere('t.id IN (:...ids)', { ids: where.ids.length ? where.ids : [0] });
  if (where.assigneeId !== undefined) qb.andWhere('t.assignee_id = :assigneeId', { assigneeId: where.assigneeId });
  if (where.status !== undefined) qb.andWhere('t.status = :status', { status: where.status });
  const tasks = await qb.orderBy('p.number', 'ASC').addOrderBy('t.ordinal', 'ASC').getMany();
  if (!tasks.length) return [];
  const ids = tasks.map((t) => t.id);
  const dueDates = await em.findBy(TaskDueDate, { taskId: In(ids) });
  const coordinators = await coordinatorRows(em, ids);
  const datesByTask = groupBy(dueDates, (d) => d.taskId);
  const coordsByTask = groupBy(coordinators, (c) => Number(c.task_id));
  return tasks.map((t) =>
    taskView(t, t.phuLuc!.number, datesByTask.get(t.id) ?? [], (coordsByTask.get(t.id) ?? []).map((c) => Number(c.official_id))),
  );
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}
