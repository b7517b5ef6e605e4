import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { mergeOccurrences, Occurrence } from './completion.js';
import { TaskDueDate } from './entities/task-due-date.entity.js';
import { TaskNote } from './entities/task-note.entity.js';
import { Task } from './entities/task.entity.js';
import { TaskView, taskView } from './task-view.js';

/** Counts of one Phụ lục's tasks as of a date, as the aggregate query returns them. */
export interface PhuLucCountsRow {
  phuLuc: number;
  title: string;
  planned: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  overdue: number;
}

/** An open due date of an open task of an issued plan, with its unit's reminder settings. */
export interface OpenDueDateRow {
  taskId: number;
  dueOn: string;
  unitId: number;
  offsets: unknown;
  timeOfDay: string | null;
  overdueEveryDays: number | null;
}

/** What a reminder says of its task, re-read when it goes out. */
export interface ReminderFacts {
  taskStatus: string;
  planStatus: string;
  planTitle: string;
  unitId: number;
  overdueEveryDays: number | null;
  content: string;
  ordinal: number;
  phuLuc: number;
  assigneeId: number | null;
  completedOn: string | null;
}

/**
 * Per task, over its due-date rows as of a date: how many are still open, how
 * many were met late, how many are open past their date. Then per Phụ lục: a
 * task is completed when none is open. One query, whatever the plan's size.
 */
const PROGRESS_SQL = `
SELECT p.number AS phu_luc, p.title AS title,
  COUNT(t.id) AS planned,
  SUM(CASE WHEN d.open_count = 0 THEN 1 ELSE 0 END) AS completed,
  SUM(CASE WHEN d.open_count = 0 AND d.late_count = 0 THEN 1 ELSE 0 END) AS completed_on_time,
  SUM(CASE WHEN d.open_count = 0 AND d.late_count > 0 THEN 1 ELSE 0 END) AS completed_late,
  SUM(CASE WHEN d.open_count > 0 AND d.overdue_count > 0 THEN 1 ELSE 0 END) AS overdue
FROM phu_luc p
LEFT JOIN task t ON t.phu_luc_id = p.id AND t.status <> 'cancelled'
LEFT JOIN (
  SELECT dd.task_id,
    SUM(CASE WHEN dd.completed_on IS NULL OR dd.completed_on > :asOf THEN 1 ELSE 0 END) AS open_count,
    SUM(CASE WHEN dd.completed_on <= :asOf AND dd.due_on IS NOT NULL AND dd.completed_on > dd.due_on THEN 1 ELSE 0 END) AS late_count,
    SUM(CASE WHEN (dd.completed_on IS NULL OR dd.completed_on > :asOf) AND dd.due_on < :asOf THEN 1 ELSE 0 END) AS overdue_count
  FROM task_due_date dd
  INNER JOIN task tt ON tt.id = dd.task_id AND tt.plan_id = :planId
  GROUP BY dd.task_id
) d ON d.task_id = t.id
WHERE p.plan_id = :planId
GROUP BY p.number, p.title
ORDER BY p.number`;

/** Per unit among these, over its plans of a year that are not drafts: tasks planned, and completed as of a date. */
const COMPLETION_BY_UNIT_SQL = `
SELECT u.id AS unit_id, u.name AS name, MAX(p.id) AS plan_id, COUNT(t.id) AS planned,
  SUM(CASE WHEN t.id IS NOT NULL AND d.open_count = 0 THEN 1 ELSE 0 END) AS completed
FROM unit u
LEFT JOIN plan p ON p.unit_id = u.id AND p.year = :year AND p.status <> 'draft'
LEFT JOIN task t ON t.plan_id = p.id AND t.status <> 'cancelled'
LEFT JOIN (
  SELECT dd.task_id, SUM(CASE WHEN dd.completed_on IS NULL OR dd.completed_on > :asOf THEN 1 ELSE 0 END) AS open_count
  FROM task_due_date dd INNER JOIN task tt ON tt.id = dd.task_id INNER JOIN plan pp ON pp.id = tt.plan_id
  WHERE pp.year = :year AND pp.unit_id IN (:...unitIds) GROUP BY dd.task_id
) d ON d.task_id = t.id
WHERE u.id IN (:...unitIds)
GROUP BY u.id, u.name`;

/** How many rows fall on a local day (YYYY-MM-DD). */
export interface DayCount {
  day: string;
  n: number;
}

/** One overview list as the query gives it: the total and the first ids, in the list's order. */
export interface IdPage {
  total: number;
  ids: number[];
}

/** The overview's lists of a plan as of a day: each the total and its first ids. */
export interface OverviewIds {
  overdue: IdPage;
  dueSoon: IdPage;
  needsReview: IdPage;
  unassigned: IdPage;
}

/**
 * A due-date row of task t still open on the day (not completed on or before
 * it) and past its date: what makes taskStateOn() say "overdue". Read per task
 * through ix_task_due_date_task_due (task_id, due_on): the condition on
 * completed_on sits inside a CASE, since a bare one leads SQLite's planner to
 * ix_task_due_date_open_due, every open due date of every plan for each task
 * (3 s for a 5,000-task plan in bench/progress.bench.ts). Dates are local
 * dates (YYYY-MM-DD) on both databases, compared as such.
 */
const OVERDUE_ROW = `SELECT 1 FROM task_due_date dd
  WHERE dd.task_id = t.id AND dd.due_on < :asOf AND CASE WHEN dd.completed_on IS NULL OR dd.completed_on > :asOf THEN 1 ELSE 0 END = 1`;

/**
 * The overview's lists (src/progress/overview.ts says what each holds): per
 * list the rows with the columns it is ordered by, filtered. "Due soon" is an
 * open task not overdue whose earliest due date not completed (nextDue())
 * falls from the day to `soon`; having such a date, it is not done either.
 */
const OVERVIEW_LISTS: Record<keyof OverviewIds, { rows: string; order: string }> = {
  overdue: {
    rows: `SELECT t.id AS id, pl.number AS phu_luc, t.ordinal AS ordinal FROM task t INNER JOIN phu_luc pl ON pl.id = t.phu_luc_id
      WHERE t.plan_id = :planId AND t.status <> 'cancelled' AND EXISTS (${OVERDUE_ROW})`,
    order: 'x.phu_luc, x.ordinal',
  },
  dueSoon: {
    rows: `SELECT y.id, y.phu_luc, y.ordinal, y.next_due FROM (
        SELECT t.id AS id, pl.number AS phu_luc, t.ordinal AS ordinal,
          (SELECT MIN(CASE WHEN dn.completed_on IS NULL THEN dn.due_on END) FROM task_due_date dn WHERE dn.task_id = t.id) AS next_due
        FROM task t INNER JOIN phu_luc pl ON pl.id = t.phu_luc_id
        WHERE t.plan_id = :planId AND t.status = 'open' AND NOT EXISTS (${OVERDUE_ROW})
      ) y WHERE y.next_due >= :asOf AND y.next_due <= :soon`,
    order: 'x.next_due, x.phu_luc, x.ordinal',
  },
  needsReview: {
    rows: `SELECT t.id AS id, pl.number AS phu_luc, t.ordinal AS ordinal FROM task t INNER JOIN phu_luc pl ON pl.id = t.phu_luc_id
      WHERE t.plan_id = :planId AND t.needs_review = TRUE AND t.status <> 'cancelled'`,
    order: 'x.phu_luc, x.ordinal',
  },
  unassigned: {
    rows: `SELECT t.id AS id, pl.number AS phu_luc, t.ordinal AS ordinal FROM task t INNER JOIN phu_luc pl ON pl.id = t.phu_luc_id
      WHERE t.plan_id = :planId AND t.assignee_id IS NULL AND t.status <> 'cancelled'`,
    order: 'x.phu_luc, x.ordinal',
  },
};

/** One overview list's query (parameters planId, asOf, soon, max): its first `max` ids in the list's order, each row with the list's total. */
export function overviewListSql(list: keyof OverviewIds): string {
  const { rows, order } = OVERVIEW_LISTS[list];
  return `SELECT x.id AS id, COUNT(*) OVER () AS total FROM (${rows}) x ORDER BY ${order}, x.id LIMIT :max`;
}

/**
 * The tasks' SQL: tasks, their due dates, coordinators and notes. Reads may
 * join the tables of the features below (plan, Phụ lục, unit); writes touch
 * only the tasks' own tables. Every write takes the transaction's manager: a
 * task, its due dates, its coordinators and its audit record are written
 * together or not at all.
 */
@Injectable()
export class TasksRepository {
  constructor(private readonly db: DataSource) {}

  private query<T>(sql: string, params: Record<string, unknown>, em: EntityManager = this.db.manager): Promise<T[]> {
    return em.query(...this.db.driver.escapeQueryWithParameters(sql, params));
  }

  load(em: EntityManager, id: number): Promise<Task | null> {
    return em.findOneBy(Task, { id });
  }

  exists(id: number): Promise<boolean> {
    return this.db.getRepository(Task).existsBy({ id });
  }

  async idsOfPlans(planIds: number[]): Promise<number[]> {
    if (!planIds.length) return [];
    const rows = await this.db.getRepository(Task).find({ select: { id: true }, where: { planId: In(planIds) } });
    return rows.map((r) => r.id);
  }

  dueDates(em: EntityManager, taskId: number): Promise<TaskDueDate[]> {
    return em.findBy(TaskDueDate, { taskId });
  }

  async completeOccurrence(em: EntityManager, dueDateId: number, completedOn: string | null, evidence: string | null): Promise<void> {
    await em.update(TaskDueDate, dueDateId, { completedOn, evidence });
  }

  /** Replaces a task's due-date rows, carrying over completions of due dates that survive. */
  async writeDueDates(
    em: EntityManager, taskId: number, previous: Occurrence[], next: { dueOn: string; label: string | null }[],
  ): Promise<Occurrence[]> {
    const merged = mergeOccurrences(previous, next);
    await em.delete(TaskDueDate, { taskId });
    await em.insert(TaskDueDate, merged.map((o) => ({ ...o, taskId })));
    return merged;
  }

  async replaceCoordinators(em: EntityManager, taskId: number, officialIds: number[]): Promise<void> {
    await em.createQueryBuilder().delete().from('task_coordinator').where('task_id = :taskId', { taskId }).execute();
    const unique = [...new Set(officialIds)];
    if (unique.length) {
      await em.createQueryBuilder().insert().into('task_coordinator', ['task_id', 'official_id'])
        .values(unique.map((official_id) => ({ task_id: taskId, official_id }))).execute();
    }
  }

  /** The (task, official) coordinator pairs of these tasks. */
  coordinatorRows(em: EntityManager, taskIds: number[]): Promise<{ task_id: number; official_id: number }[]> {
    return em.createQueryBuilder().select(['task_id', 'official_id']).from('task_coordinator', 'tc')
      .where('tc.task_id IN (:...ids)', { ids: taskIds.length ? taskIds : [0] }).getRawMany();
  }

  taskWithOrdinal(em: EntityManager, phuLucId: number, ordinal: number): Promise<Task | null> {
    return em.findOneBy(Task, { phuLucId, ordinal });
  }

  async nextOrdinal(em: EntityManager, phuLucId: number): Promise<number> {
    const row = await em.createQueryBuilder(Task, 't').select('MAX(t.ordinal)', 'max').where('t.phu_luc_id = :phuLucId', { phuLucId }).getRawOne();
    return Number(row?.max ?? 0) + 1;
  }

  /** Tasks of a plan with no lead official (cancelled ones aside; all, or those of `ids`), in Phụ lục and row order. */
  unassigned(em: EntityManager, planId: number, ids?: number[]): Promise<Task[]> {
    const qb = em.createQueryBuilder(Task, 't').innerJoinAndSelect('t.phuLuc', 'p')
      .where('t.plan_id = :planId AND t.assignee_id IS NULL AND t.status <> :cancelled', { planId, cancelled: 'cancelled' });
    if (ids) qb.andWhere('t.id IN (:...ids)', { ids: ids.length ? ids : [0] });
    return qb.orderBy('p.number').addOrderBy('t.ordinal').getMany();
  }

  notes(taskId: number): Promise<TaskNote[]> {
    return this.db.getRepository(TaskNote).find({ where: { taskId }, order: { id: 'ASC' } });
  }

  /** Loads tasks with their Phụ lục number, due dates and coordinators in four queries, whatever their number. */
  async views(
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
    const coordinators = await this.coordinatorRows(em, ids);
    const datesByTask = groupBy(dueDates, (d) => d.taskId);
    const coordsByTask = groupBy(coordinators, (c) => Number(c.task_id));
    return tasks.map((t) =>
      taskView(t, t.phuLuc!.number, datesByTask.get(t.id) ?? [], (coordsByTask.get(t.id) ?? []).map((c) => Number(c.official_id))),
    );
  }

  /** Per Phụ lục of a plan, its tasks' counts as of a date: one aggregate query. */
  async phuLucCounts(planId: number, asOf: string): Promise<PhuLucCountsRow[]> {
    const rows = await this.query<Record<string, unknown>>(PROGRESS_SQL, { planId, asOf });
    return rows.map((r) => ({
      phuLuc: Number(r.phu_luc),
      title: String(r.title),
      planned: Number(r.planned ?? 0),
      completed: Number(r.completed ?? 0),
      completedOnTime: Number(r.completed_on_time ?? 0),
      completedLate: Number(r.completed_late ?? 0),
      overdue: Number(r.overdue ?? 0),
    }));
  }

  /**
   * The overview's four lists of a plan as of a day (soon: the last day of
   * "due soon"): per list, one query giving its total and its first `max` ids
   * in the list's order, whatever the plan's size.
   */
  async overviewIds(em: EntityManager, planId: number, asOf: string, soon: string, max: number): Promise<OverviewIds> {
    const page = async (list: keyof OverviewIds): Promise<IdPage> => {
      const rows = await this.query<{ id: unknown; total: unknown }>(overviewListSql(list), { planId, asOf, soon, max }, em);
      return { total: rows.length ? Number(rows[0].total) : 0, ids: rows.map((r) => Number(r.id)) };
    };
    return { overdue: await page('overdue'), dueSoon: await page('dueSoon'), needsReview: await page('needsReview'), unassigned: await page('unassigned') };
  }

  /**
   * For the overview's chart: per day from `from` to `to`, the due dates
   * falling on it and the completions made on it (on or before `asOf`), of
   * the plan's tasks not cancelled. Two aggregates; at most a row a day each.
   */
  async dueAndDoneByDay(em: EntityManager, planId: number, from: string, to: string, asOf: string): Promise<{ due: DayCount[]; done: DayCount[] }> {
    const byDay = async (column: 'due_on' | 'completed_on', until: string): Promise<DayCount[]> => {
      const sql = `SELECT d.${column} AS day, COUNT(*) AS n
        FROM task_due_date d INNER JOIN task t ON t.id = d.task_id
        WHERE t.plan_id = :planId AND t.status <> 'cancelled' AND d.${column} >= :from AND d.${column} <= :until
        GROUP BY d.${column}`;
      const rows = await this.query<{ day: unknown; n: unknown }>(sql, { planId, from, until }, em);
      return rows.map((r) => ({ day: String(r.day), n: Number(r.n) }));
    };
    return { due: await byDay('due_on', to), done: await byDay('completed_on', asOf < to ? asOf : to) };
  }

  /** Per unit, its tasks of a year's plans (drafts aside): planned, and completed as of a date. */
  async completionByUnit(unitIds: number[], year: number, asOf: string): Promise<{ unitId: number; name: string; planId: number | null; planned: number; completed: number }[]> {
    if (!unitIds.length) return [];
    const rows = await this.query<Record<string, unknown>>(COMPLETION_BY_UNIT_SQL, { unitIds, year, asOf });
    return rows.map((r) => ({
      unitId: Number(r.unit_id), name: String(r.name), planId: r.plan_id === null || r.plan_id === undefined ? null : Number(r.plan_id),
      planned: Number(r.planned), completed: Number(r.completed ?? 0),
    }));
  }

  /** The years in which any of these units has a plan past its draft, ascending. */
  async planYears(unitIds: number[]): Promise<number[]> {
    if (!unitIds.length) return [];
    const rows = await this.query<{ year: unknown }>(`SELECT DISTINCT year FROM plan WHERE unit_id IN (:...unitIds) AND status <> 'draft' ORDER BY year`, { unitIds });
    return rows.map((r) => Number(r.year));
  }

  /** Open due dates of open tasks of issued plans, with their unit's reminder settings; all of them, or of these tasks. */
  /**
   * Open due dates of open tasks of issued plans, with their unit's reminder
   * settings: of these tasks, or of every task; with `until`, only those due on
   * or before it (overdue ones included), read through ix_task_due_date_open_due
   * (completed_on, due_on, task_id), so the sweep reads the due dates near now,
   * not every year's.
   */
  async openDueDates(taskIds?: number[], until?: string): Promise<OpenDueDateRow[]> {
    const where = ["t.status = 'open'", "p.status = 'issued'", 'd.due_on IS NOT NULL'];
    const params: Record<string, unknown> = {};
    if (taskIds) {
      // by task, through ix_task_due_date_task_due: the done ones are left out below, not here, since a
      // condition on completed_on leads SQLite's planner to ix_task_due_date_open_due, every open due date
      where.push('d.task_id IN (:...taskIds)');
      params.taskIds = taskIds.length ? taskIds : [0];
    } else {
      where.push('d.completed_on IS NULL');
    }
    if (until !== undefined) {
      where.push('d.due_on <= :until');
      params.until = until;
    }
    const sql = `SELECT t.id AS task_id, d.due_on AS due_on, d.completed_on AS completed_on, u.id AS unit_id, u.reminder_offsets AS offsets,
        u.reminder_time AS time_of_day, u.overdue_every_days AS every
      FROM task_due_date d JOIN task t ON t.id = d.task_id JOIN plan p ON p.id = t.plan_id JOIN unit u ON u.id = p.unit_id
      WHERE ${where.join(' AND ')}`;
    const rows = (await this.query<Record<string, unknown>>(sql, params)).filter((r) => r.completed_on === null);
    return rows.map((r) => ({
      taskId: Number(r.task_id), dueOn: String(r.due_on), unitId: Number(r.unit_id), offsets: r.offsets,
      timeOfDay: (r.time_of_day as string | null) ?? null, overdueEveryDays: r.every === null ? null : Number(r.every),
    }));
  }

  /** The reminder offsets (raw, null for the defaults) of every unit that has an issued plan. */
  async reminderOffsetsInUse(): Promise<unknown[]> {
    const rows = await this.query<{ offsets: unknown }>(
      `SELECT u.reminder_offsets AS offsets FROM unit u WHERE EXISTS (SELECT 1 FROM plan p WHERE p.unit_id = u.id AND p.status = 'issued')`,
      {},
    );
    return rows.map((r) => r.offsets);
  }

  async reminderFacts(taskId: number, dueOn: string): Promise<ReminderFacts | null> {
    return (await this.reminderFactsOf([{ taskId, dueOn }])).get(`${taskId}|${dueOn}`) ?? null;
  }

  /**
   * reminderFacts() of many reminders in one query (the deliveries a worker
   * runs at once), by "taskId|dueOn"; a reminder whose task or due date is
   * gone is not in the map.
   */
  async reminderFactsOf(keys: { taskId: number; dueOn: string }[]): Promise<Map<string, ReminderFacts>> {
    const out = new Map<string, ReminderFacts>();
    if (!keys.length) return out;
    const wanted = new Set(keys.map((k) => `${k.taskId}|${k.dueOn}`));
    const sql = `SELECT t.id AS task_id, d.due_on AS due_on, t.status AS task_status, p.status AS plan_status, p.title AS plan_title, p.unit_id AS unit_id,
        u.overdue_every_days AS every, t.content AS content, t.ordinal AS ordinal, pl.number AS phu_luc,
        t.assignee_id AS assignee_id, d.completed_on AS completed_on
      FROM task t JOIN plan p ON p.id = t.plan_id JOIN unit u ON u.id = p.unit_id JOIN phu_luc pl ON pl.id = t.phu_luc_id
      JOIN task_due_date d ON d.task_id = t.id AND d.due_on IN (:...dueOns)
      WHERE t.id IN (:...taskIds)`;
    const rows = await this.query<Record<string, unknown>>(sql, { taskIds: [...new Set(keys.map((k) => k.taskId))], dueOns: [...new Set(keys.map((k) => k.dueOn))] });
    for (const r of rows) {
      const key = `${Number(r.task_id)}|${String(r.due_on)}`;
      if (!wanted.has(key)) continue;
      out.set(key, {
        taskStatus: String(r.task_status), planStatus: String(r.plan_status), planTitle: String(r.plan_title), unitId: Number(r.unit_id),
        overdueEveryDays: r.every === null ? null : Number(r.every), content: String(r.content), ordinal: Number(r.ordinal),
        phuLuc: Number(r.phu_luc), assigneeId: r.assignee_id === null ? null : Number(r.assignee_id),
        completedOn: (r.completed_on as string | null) ?? null,
      });
    }
    return out;
  }

  /** An official's open due dates of issued plans up to a date (overdue ones included): the daily digest. */
  async openDueFor(officialId: number, horizon: string): Promise<{ dueOn: string; content: string; phuLuc: number; ordinal: number }[]> {
    const sql = `SELECT d.due_on AS due_on, t.content AS content, pl.number AS phu_luc, t.ordinal AS ordinal
      FROM task t JOIN plan p ON p.id = t.plan_id JOIN phu_luc pl ON pl.id = t.phu_luc_id JOIN task_due_date d ON d.task_id = t.id
      WHERE t.assignee_id = :officialId AND t.status = 'open' AND p.status = 'issued'
        AND d.completed_on IS NULL AND d.due_on IS NOT NULL AND d.due_on <= :horizon
      ORDER BY d.due_on, pl.number, t.ordinal`;
    const rows = await this.query<Record<string, unknown>>(sql, { officialId, horizon });
    return rows.map((r) => ({ dueOn: String(r.due_on), content: String(r.content), phuLuc: Number(r.phu_luc), ordinal: Number(r.ordinal) }));
  }
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
