import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { User } from '../../src/accounts/entities/user.entity.js';
import { Official } from '../../src/organization/entities/official.entity.js';
import { Unit } from '../../src/organization/entities/unit.entity.js';
import { PhuLuc } from '../../src/plans/entities/phu-luc.entity.js';
import { Plan } from '../../src/plans/entities/plan.entity.js';
import { TaskDueDate } from '../../src/tasks/entities/task-due-date.entity.js';
import { Task } from '../../src/tasks/entities/task.entity.js';

/**
 * Province-scale data straight into the tables (no event fires, nothing is
 * audited or scheduled), a few hundred rows per INSERT in one transaction: the
 * paged lists need hundreds of communes and a thousand people, which the API
 * would take minutes to make one by one.
 */

/** Commune names as they are spelled, accents and "Đ" included, so sorting and searching meet real text. */
const NAMES = ['Hoằng Tiến', 'Đông Sơn', 'An Bình', 'Bắc Lý', 'Quảng Hợp', 'Yên Thọ', 'Ân Thi', 'Nga Điền', 'Thiệu Vũ', 'Cẩm Châu', 'Định Tân', 'Hải Nhân'];

/** The i-th commune's name (0-based): "Xã Hoằng Tiến 1", "Xã Đông Sơn 1", …, "Xã Hoằng Tiến 2", … */
export const communeName = (i: number, prefix = 'Xã'): string => `${prefix} ${NAMES[i % NAMES.length]} ${Math.floor(i / NAMES.length) + 1}`;

async function insertAll<T extends ObjectLiteral>(em: EntityManager, entity: new () => T, rows: object[], chunk = 200): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const res = await em.createQueryBuilder().insert().into(entity).values(rows.slice(start, start + chunk) as never).execute();
    ids.push(...res.identifiers.map((x) => Number(x.id)));
  }
  return ids;
}

export interface SeededCommune { unitId: number; name: string; planId: number; planned: number; completed: number }

/**
 * n communes under `parentId`, each with an issued plan for `year` of
 * tasks(i) tasks (one due date each, 30/6 of the year), done(i) of them
 * completed on 1/5 of the year.
 */
export async function seedCommunes(
  db: DataSource, parentId: number, n: number,
  opts: { year?: number; tasks?: (i: number) => number; done?: (i: number) => number; prefix?: string } = {},
): Promise<SeededCommune[]> {
  const year = opts.year ?? 2023;
  const tasksOf = opts.tasks ?? (() => 4);
  const doneOf = opts.done ?? ((i: number) => i % 5);
  return db.transaction(async (em) => {
    const names = Array.from({ length: n }, (_, i) => communeName(i, opts.prefix));
    const unitIds = await insertAll(em, Unit, names.map((name) => ({ name, parentId, reportCutoff: 'ministry' })));
    const planIds = await insertAll(em, Plan, unitIds.map((unitId, i) => ({
      unitId, number: `${i + 1}/KH-UBND`, title: `Kế hoạch cải cách hành chính năm ${year}`, year, status: 'issued', issuedOn: `${year}-01-05`, decision: null,
    })));
    const phuLucIds = await insertAll(em, PhuLuc, planIds.map((planId) => ({ planId, number: 1, title: 'Phụ lục 1', heading: null })));
    const tasks: object[] = [];
    const done: boolean[] = [];
    planIds.forEach((planId, i) => {
      const count = tasksOf(i);
      for (let k = 0; k < count; k++) {
        tasks.push({
          planId, phuLucId: phuLucIds[i], ordinal: k + 1, content: `Rà soát, công khai thủ tục hành chính, nội dung ${k + 1}`, products: ['Báo cáo'],
          leadText: 'Công chức Văn phòng – Thống kê', coordinatorsText: '', deadlineText: `Trước 30/6/${year}`, scheduleKind: 'date', needsReview: false,
          schedule: { items: [], notes: [] }, assigneeId: null, status: 'open',
        });
        done.push(k < Math.min(doneOf(i), count));
      }
    });
    const taskIds = await insertAll(em, Task, tasks);
    // a done task is closed with its due date completed, as completing through the API leaves it
    const doneIds = taskIds.filter((_, k) => done[k]);
    for (let start = 0; start < doneIds.length; start += 500) {
      await em.createQueryBuilder().update(Task).set({ status: 'done' as never }).whereInIds(doneIds.slice(start, start + 500)).execute();
    }
    await insertAll(em, TaskDueDate, taskIds.map((taskId, k) => ({
      taskId, dueOn: `${year}-06-30`, label: null, completedOn: done[k] ? `${year}-05-01` : null, evidence: done[k] ? 'Báo cáo' : null,
    })));
    return unitIds.map((unitId, i) => ({ unitId, name: names[i], planId: planIds[i], planned: tasksOf(i), completed: Math.min(doneOf(i), tasksOf(i)) }));
  });
}

/** Family and given names for a thousand different people. */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['Văn An', 'Thị Bình', 'Đức Cường', 'Thị Dung', 'Văn Đạt', 'Minh Hằng', 'Quốc Huy', 'Thu Lan', 'Văn Sơn', 'Thị Yến'];

/** The i-th person's full name (0-based). */
export const personName = (i: number): string => `${FAMILY[i % FAMILY.length]} ${GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]} ${Math.floor(i / (FAMILY.length * GIVEN.length)) + 1}`;

/**
 * n officials of one unit and, for each, an account `${prefix}${i + 1}` with
 * the official role (its password hash unusable: nobody signs in with it).
 */
export async function seedPeople(db: DataSource, unitId: number, n: number, prefix: string): Promise<{ officialIds: number[]; userIds: number[] }> {
  return db.transaction(async (em) => {
    const officialIds = await insertAll(em, Official, Array.from({ length: n }, (_, i) => ({
      unitId, fullName: personName(i), position: i % 2 ? 'Công chức Văn phòng – Thống kê' : 'Công chức Tư pháp – Hộ tịch', role: 'official',
      email: `${prefix}${i + 1}@xa.gov.vn`, active: true, reminderMode: 'each', phone: null, notifyEmail: true, notifyZalo: false,
    })));
    const userIds = await insertAll(em, User, officialIds.map((officialId, i) => ({
      username: `${prefix}${i + 1}`, passwordHash: '!', role: 'official', unitId, officialId, active: i % 10 !== 0, mustChangePassword: false,
    })));
    return { officialIds, userIds };
  });
}
