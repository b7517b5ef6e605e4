import type { DataSource, EntityManager } from 'typeorm';
import { Official } from '../../src/organization/entities/official.entity.js';
import { Unit } from '../../src/organization/entities/unit.entity.js';
import { PhuLuc } from '../../src/plans/entities/phu-luc.entity.js';
import { Plan, PlanStatus } from '../../src/plans/entities/plan.entity.js';
import { TaskDueDate } from '../../src/tasks/entities/task-due-date.entity.js';
import { Task } from '../../src/tasks/entities/task.entity.js';

/** Rows written straight through the entities: the repository tests read them back through the repositories. */
export function seeder(db: DataSource) {
  const em: EntityManager = db.manager;
  return {
    unit: (name: string, parentId: number | null = null, extra: Partial<Unit> = {}) =>
      em.save(Unit, em.create(Unit, { name, parentId, ...extra })),
    official: (unitId: number, fullName: string, extra: Partial<Official> = {}) =>
      em.save(Official, em.create(Official, { unitId, fullName, position: 'Công chức', role: 'official', active: true, ...extra })),
    async plan(unitId: number, status: PlanStatus = 'issued', year = 2023) {
      const plan = await em.save(Plan, em.create(Plan, { unitId, number: `P${Math.random().toString(36).slice(2, 8)}`, title: 'Kế hoạch CCHC', year, status }));
      const phuLucs: PhuLuc[] = [];
      for (const number of [1, 2, 3, 4, 5, 6, 7]) phuLucs.push(await em.save(PhuLuc, em.create(PhuLuc, { planId: plan.id, number, title: `Lĩnh vực ${number}` })));
      return { plan, phuLucs };
    },
    /** A task with these due dates: [due, completedOn | null]. */
    async task(plan: Plan, phuLuc: PhuLuc, ordinal: number, dueDates: [string | null, string | null][], extra: Partial<Task> = {}) {
      const task = await em.save(Task, em.create(Task, {
        planId: plan.id, phuLucId: phuLuc.id, ordinal, content: `Nhiệm vụ ${ordinal}`, products: [], leadText: '', coordinatorsText: '',
        deadlineText: '', scheduleKind: 'date', needsReview: false, schedule: { items: [], notes: [] }, assigneeId: null, status: 'open', ...extra,
      } as Partial<Task>));
      for (const [dueOn, completedOn] of dueDates) {
        await em.insert(TaskDueDate, { taskId: task.id, dueOn, completedOn, label: null, evidence: null });
      }
      return task;
    },
  };
}
