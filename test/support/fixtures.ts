import { addDays, todayLocal } from '../../src/common/local-date.js';
import { DEFAULT_CALENDAR } from '../../src/common/working-days.js';
import type { Client, TestApp } from './app.js';

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';

/** An account for an official (or a viewer of a unit), created by the administrator, and signed in. */
export async function accountFor(
  t: TestApp, username: string, role: string, unitId: number, officialId: number | null,
): Promise<Client> {
  const res = await t.admin.post('/api/users').send({ username, password: TEST_PASSWORD, role, unitId, officialId, mustChangePassword: false });
  if (res.status !== 201) throw new Error(`create account ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return t.login(username, TEST_PASSWORD);
}

let seeded = 0;

/**
 * A unit with the usual five posts and a chairman, created through the API by
 * the administrator. The chairman gets an account and signs in, and `t.http`
 * acts as them from then on (unless signIn is false): plans and tasks are the chairman's to make.
 */
export async function seedUnit(t: TestApp, name = 'UBND xã Thử Nghiệm', opts: { parentId?: number; signIn?: boolean } = {}) {
  const unit = (await t.admin.post('/api/units').send({ name, ...(opts.parentId ? { parentId: opts.parentId } : {}) }).expect(201)).body;
  const people: Record<string, number> = {};
  for (const [key, fullName, position, role] of [
    ['chairman', 'Lê Văn Chủ', 'Chủ tịch UBND xã', 'chairman'],
    ['vanphong', 'Trần Thị Văn', 'Công chức Văn phòng – Thống kê', 'official'],
    ['tuphap', 'Hoàng Văn Pháp', 'Công chức Tư pháp – Hộ tịch', 'official'],
    ['taichinh', 'Lê Thị Tài', 'Công chức Tài chính – Kế toán', 'official'],
    ['vanhoa', 'Phạm Văn Hóa', 'Công chức Văn hóa – Xã hội', 'official'],
  ] as const) {
    const res = await t.admin.post('/api/officials').send({ unitId: unit.id, fullName, position, role }).expect(201);
    people[key] = res.body.id;
  }
  const chair = await accountFor(t, `chutich${++seeded}`, 'chairman', unit.id, people.chairman);
  if (opts.signIn !== false) t.useAccount(chair);
  return { unitId: unit.id as number, people, chair };
}

export async function createPlan(t: TestApp, unitId: number, extra: Record<string, unknown> = {}) {
  const res = await t.http.post('/api/plans').send({
    unitId, number: '01/KH-UBND', title: 'Kế hoạch cải cách hành chính năm 2023', year: 2023, ...extra,
  });
  if (res.status !== 201) throw new Error(`create plan: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A 2023 plan of 32 tasks, issued, 30 of them completed before 14/12/2023 (two
 * of those late), the other two still open: the "30/32, 93,75%" of the seeds.
 */
export async function planOf32(t: TestApp, unitId: number, number = '32/KH-UBND') {
  const months = Array.from({ length: 32 }, (_, i) => (i % 11) + 1);
  const phuLucs = [1, 2, 3, 4, 5, 6, 7].map((n) => ({
    number: n,
    tasks: months.map((m, i) => ({ m, i })).filter(({ i }) => (i % 7) + 1 === n).map(({ m, i }) => ({
      content: `Nhiệm vụ ${i + 1}`, products: ['Báo cáo kết quả thực hiện'], leadText: 'Công chức Văn phòng – Thống kê',
      deadlineText: `Tháng ${m}/2023`,
    })),
  }));
  const plan = await createPlan(t, unitId, { number, decision: 'Quyết định số 05/QĐ-UBND ngày 05/01/2023', phuLucs });
  await t.http.post(`/api/plans/${plan.id}/issue`).send({ issuedOn: '2023-01-05' }).expect(200);
  const tasks = plan.phuLucs.flatMap((p: any) => p.tasks);
  let late = 0;
  for (const [i, task] of tasks.entries()) {
    if (i >= 30) break;
    const due = task.schedule.dueDates[0];
    // two of them three days after their due date
    const when = late < 2 && i % 5 === 0 ? addDays(due, 3) : due;
    if (when !== due) late++;
    await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: when, evidence: `Báo cáo số ${i + 1}/BC-UBND` }).expect(200);
  }
  return { planId: plan.id as number, tasks };
}

/**
 * The first due date at least `minDays` ahead whose reminders fall on the days
 * they name: the due date, the days 7, 3 and 1 before it and the day after are
 * all working days (no weekend or holiday moves them). A Thursday, mostly.
 */
export function plainDueDate(minDays: number): string {
  for (let d = addDays(todayLocal(), minDays); ; d = addDays(d, 1)) {
    if ([-7, -3, -1, 0, 1].every((k) => DEFAULT_CALENDAR.isWorkingDay(addDays(d, k)))) return d;
  }
}
