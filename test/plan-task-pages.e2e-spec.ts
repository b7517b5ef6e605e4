import { todayLocal } from '../src/common/local-date.js';
import { foldVietnamese } from '../src/common/vietnamese-text.js';
import { byUrgency } from '../src/tasks/task-filter.js';
import { taskStateOn } from '../src/tasks/task-state.js';
import { Notification } from '../src/notifications/entities/notification.entity.js';
import { startApp, TestApp } from './support/app.js';
import { accountFor, createPlan, seedUnit } from './support/fixtures.js';

/**
 * GET /api/plans/{id}/tasks: a big plan's rows a page at a time (at most 100),
 * narrowed on the server by the Kế hoạch view's filters, with the totals a
 * paged list needs; checked against the whole plan read the old way.
 */
describe("a plan's tasks, a page at a time", () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;
  let planId: number;
  /** the whole plan's rows, in Phụ lục and TT order, as GET /api/plans/{id} gives them */
  let all: any[];
  const N = 320;
  const contentOf = (i: number) => (i % 10 === 0 ? `Tuyên truyền, phổ biến pháp luật đợt ${i}` : `Nhiệm vụ số ${i}`);

  beforeAll(async () => {
    t = await startApp();
    ({ unitId, people } = await seedUnit(t));
    const phuLucs = [1, 2, 3, 4, 5, 6, 7].map((number) => ({
      number,
      tasks: Array.from({ length: N }, (_, i) => i).filter((i) => (i % 7) + 1 === number).map((i) => ({
        content: contentOf(i),
        leadText: i % 4 === 0 ? 'Công chức Tư pháp – Hộ tịch' : i % 4 === 2 ? 'Ban Chỉ huy Quân sự' : 'Công chức Văn phòng – Thống kê',
        // a third with no deadline (open), one in ten unreadable (needs review), the rest past (overdue unless done)
        deadlineText: i % 3 === 0 ? '' : i % 10 === 1 ? 'Khi có yêu cầu của cấp trên' : 'Tháng 6/2023',
      })),
    }));
    const plan = await createPlan(t, unitId, { number: '320/KH-UBND', phuLucs });
    planId = plan.id;
    await t.http.post(`/api/plans/${planId}/issue`).send({ issuedOn: '2023-01-05' }).expect(200);
    const rows = plan.phuLucs.flatMap((p: any) => p.tasks);
    for (const task of rows.filter((x: any) => x.deadlineText === 'Tháng 6/2023').slice(0, 12)) {
      await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-06-20', evidence: 'Báo cáo' }).expect(200);
    }
    await t.http.post(`/api/tasks/${rows.find((x: any) => x.deadlineText === '').id}/cancel`).send({ reason: 'Không còn phù hợp' }).expect(200);
    all = (await t.http.get(`/api/plans/${planId}`).expect(200)).body.phuLucs.flatMap((p: any) => p.tasks);
  });
  afterAll(() => t.close());

  const page = async (query: string) => (await t.http.get(`/api/plans/${planId}/tasks?${query}`).expect(200)).body;
  const ids = (rows: any[]) => rows.map((x) => x.id);
  /** every page of a filter, read 100 at a time */
  const everyPage = async (query: string) => {
    const got: any[] = [];
    for (let offset = 0; ; offset += 100) {
      const p = await page(`${query}&offset=${offset}`);
      got.push(...p.items);
      if (offset + 100 >= p.total) return { rows: got, total: p.total, phuLucs: p.phuLucs };
    }
  };

  it('gives the first 100 rows by default, in Phụ lục and TT order, compact, with the totals', async () => {
    expect(all).toHaveLength(N);
    const first = await page('');
    expect(first).toMatchObject({ total: N, planTotal: N, offset: 0, limit: 100 });
    expect(ids(first.items)).toEqual(ids(all.slice(0, 100)));
    expect(first.phuLucs).toEqual([1, 2, 3, 4, 5, 6, 7].map((number) => ({ number, total: all.filter((x) => x.phuLuc === number).length })));
    // the compact row, as GET /api/plans/{id}?compact=true gives it
    const row = first.items[1];
    expect(row.createdAt).toBeUndefined();
    expect(row.schedule.items).toBeUndefined();
    expect(row).toMatchObject({ id: all[1].id, content: all[1].content, version: all[1].version, assigneeId: all[1].assigneeId });
  });

  it('pages through the whole plan without a gap or a repeat; past the end there is nothing', async () => {
    const pages = [];
    for (const offset of [0, 100, 200, 300]) pages.push(await page(`offset=${offset}&limit=100`));
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 100, 20]);
    expect(pages.flatMap((p) => ids(p.items))).toEqual(ids(all));
    const small = await page('offset=318&limit=7');
    expect(ids(small.items)).toEqual(ids(all.slice(318)));
    const past = await page(`offset=${N}`);
    expect(past).toMatchObject({ total: N, offset: N, items: [] });
  });

  it('narrows on the server by Phụ lục, status, official, overdue, needs review and words, each and together', async () => {
    const today = todayLocal();
    const cases: [string, (x: any) => boolean][] = [
      ['phuLuc=3', (x) => x.phuLuc === 3],
      ['state=done', (x) => taskStateOn(x, today) === 'done'],
      ['state=open', (x) => taskStateOn(x, today) === 'open'],
      ['state=cancelled', (x) => x.status === 'cancelled'],
      ['overdue=true', (x) => taskStateOn(x, today) === 'overdue'],
      ['needsReview=true', (x) => x.schedule.needsReview],
      [`assigneeId=${people.tuphap}`, (x) => x.assigneeId === people.tuphap],
      // no diacritics, another case: the words still find "Tuyên truyền, phổ biến"
      ['q=TUYEN%20truyen%20pho%20bien', (x) => foldVietnamese(x.content).includes('tuyen truyen pho bien')],
      [`phuLuc=2&overdue=true&assigneeId=${people.vanphong}`, (x) => x.phuLuc === 2 && taskStateOn(x, today) === 'overdue' && x.assigneeId === people.vanphong],
    ];
    for (const [query, keep] of cases) {
      const want = all.filter(keep);
      const got = await everyPage(query);
      expect({ query, total: got.total, ids: ids(got.rows) }).toEqual({ query, total: want.length, ids: ids(want) });
      const perPhuLuc = [...new Set(want.map((x) => x.phuLuc))].map((number) => ({ number, total: want.filter((x) => x.phuLuc === number).length }));
      expect(got.phuLucs).toEqual(perPhuLuc);
    }
    // the cases are not empty by accident: the plan was built to hold each of them
    expect((await page('q=tuy%C3%AAn%20truy%E1%BB%81n')).total).toBe(32);
    expect((await page(`assigneeId=${people.tuphap}`)).total).toBe(80);
    expect((await page('state=done')).total).toBe(12);
    expect((await page('state=cancelled')).total).toBe(1);
    expect((await page('needsReview=true')).total).toBeGreaterThan(0);
    // a word that no row holds, and a filter with a word together
    expect(await page('q=kh%C3%B4ng%20c%C3%B3%20t%E1%BB%AB%20n%C3%A0y')).toMatchObject({ total: 0, planTotal: N, phuLucs: [], items: [] });
    const both = await page('phuLuc=1&q=tuyen%20truyen');
    expect(ids(both.items)).toEqual(ids(all.filter((x) => x.phuLuc === 1 && x.content.startsWith('Tuyên truyền'))));
  });

  it('refuses bad parameters in Vietnamese, naming the field', async () => {
    for (const [query, field] of [
      ['limit=101', 'limit'], ['limit=0', 'limit'], ['offset=-1', 'offset'], ['offset=abc', 'offset'], ['phuLuc=8', 'phuLuc'],
      ['state=late', 'state'], ['overdue=maybe', 'overdue'], ['needsReview=2', 'needsReview'], ['assigneeId=x', 'assigneeId'],
      [`q=${'a'.repeat(201)}`, 'q'],
    ]) {
      const res = await t.http.get(`/api/plans/${planId}/tasks?${query}`).expect(400);
      expect(res.body.message).toMatch(/không hợp lệ/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(new RegExp(`^${field}: (phải|dài quá)`)) })]));
    }
    const missing = await t.http.get('/api/plans/999999/tasks').expect(404);
    expect(missing.body.message).toMatch(/Không tìm thấy kế hoạch/);
  });

  it("is read by the unit's officials, not by another unit", async () => {
    const official = await accountFor(t, 'tuphap.trang', 'official', unitId, people.tuphap);
    expect((await official.get(`/api/plans/${planId}/tasks?limit=5`).expect(200)).body).toMatchObject({ total: N, limit: 5 });
    const other = await seedUnit(t, 'UBND xã Bên Cạnh', { signIn: false });
    await other.chair.get(`/api/plans/${planId}/tasks`).expect(404);
  });

  it('gives the plan without its rows when asked (withTasks=false); the full plan is as before', async () => {
    const full = (await t.http.get(`/api/plans/${planId}`).expect(200)).body;
    const head = (await t.http.get(`/api/plans/${planId}?withTasks=false`).expect(200)).body;
    expect(head).toMatchObject({ id: planId, taskCount: N, unassigned: [], unassignedCount: full.unassigned.length });
    expect(head.phuLucs.map((p: any) => [p.number, p.title, p.tasks])).toEqual(full.phuLucs.map((p: any) => [p.number, p.title, []]));
    expect(full.unassignedCount).toBe(full.unassigned.length);
    expect(full.phuLucs.flatMap((p: any) => p.tasks)).toHaveLength(N);
    await t.http.get(`/api/plans/${planId}?withTasks=maybe`).expect(400);
  });

  it("gives an official's tasks most urgent first, a page at a time, with the total and the overdue count", async () => {
    const today = todayLocal();
    const open = byUrgency(all.filter((x) => x.assigneeId === people.tuphap && x.status === 'open'), today);
    expect(open.length).toBeGreaterThan(40);
    const first = (await t.http.get(`/api/officials/${people.tuphap}/tasks?status=open`).expect(200)).body;
    expect(first).toMatchObject({ total: open.length, overdue: open.filter((x) => taskStateOn(x, today) === 'overdue').length, offset: 0, limit: 100 });
    expect(first.overdue).toBeGreaterThan(0);
    expect(ids(first.items)).toEqual(ids(open));
    // overdue ones first: no open one before an overdue one
    const states = first.items.map((x: any) => taskStateOn(x, today));
    expect(states.indexOf('open')).toBeGreaterThan(states.lastIndexOf('overdue'));
    const second = (await t.http.get(`/api/officials/${people.tuphap}/tasks?status=open&offset=20&limit=20`).expect(200)).body;
    expect(ids(second.items)).toEqual(ids(open.slice(20, 40)));
    const every = (await t.http.get(`/api/officials/${people.tuphap}/tasks`).expect(200)).body;
    expect(every.total).toBe(all.filter((x) => x.assigneeId === people.tuphap).length);
    for (const query of ['limit=101', 'offset=-1', 'status=late']) {
      const res = await t.http.get(`/api/officials/${people.tuphap}/tasks?${query}`).expect(400);
      expect(res.body.errors[0].message).toMatch(/phải/);
    }
    const other = await seedUnit(t, 'UBND xã Khác Nữa', { signIn: false });
    await other.chair.get(`/api/officials/${people.tuphap}/tasks`).expect(404);
  });

  it('gives notifications newest first a page at a time: beforeId goes on from the last one shown', async () => {
    // the rows reminders would write (src/notifications), seven of them for one official
    const repo = t.db.getRepository(Notification);
    for (let i = 1; i <= 7; i++) {
      await repo.insert({ officialId: people.taichinh, taskId: all[i].id, kind: 'before-7', dueOn: '2023-06-30', title: `Nhắc việc ${i}`, body: 'Sắp đến hạn' });
    }
    const get = async (query: string) => (await t.http.get(`/api/notifications?officialId=${people.taichinh}&${query}`).expect(200)).body;
    const first = await get('limit=3');
    expect(first.map((x: any) => x.title)).toEqual(['Nhắc việc 7', 'Nhắc việc 6', 'Nhắc việc 5']);
    const second = await get(`limit=3&beforeId=${first[2].id}`);
    expect(second.map((x: any) => x.title)).toEqual(['Nhắc việc 4', 'Nhắc việc 3', 'Nhắc việc 2']);
    const last = await get(`limit=3&beforeId=${second[2].id}`);
    expect(last.map((x: any) => x.title)).toEqual(['Nhắc việc 1']);
    expect(await get(`beforeId=${last[0].id}`)).toEqual([]);
    // the header's count: the official's own unread ones, a number only
    const taichinh = await accountFor(t, 'taichinh.dem', 'official', unitId, people.taichinh);
    expect((await taichinh.get('/api/notifications/unread-count').expect(200)).body).toEqual({ count: 7 });
    await taichinh.post(`/api/notifications/${first[0].id}/read`).send({}).expect(200);
    expect((await taichinh.get('/api/notifications/unread-count').expect(200)).body).toEqual({ count: 6 });
    // the chairman has no notification of their own here
    expect((await t.http.get('/api/notifications/unread-count').expect(200)).body).toEqual({ count: 0 });
    const bad = await t.http.get(`/api/notifications?officialId=${people.taichinh}&beforeId=0`).expect(400);
    expect(bad.body.errors[0].message).toMatch(/^beforeId: phải/);
  });

  it("gives a task's log whole, or its latest entries a page at a time", async () => {
    let task = (await t.http.get(`/api/tasks/${all[2].id}`).expect(200)).body;
    for (let i = 1; i <= 6; i++) {
      task = (await t.http.patch(`/api/tasks/${task.id}`).send({ content: `Nội dung sửa lần ${i}`, version: task.version }).expect(200)).body;
    }
    const whole = (await t.http.get(`/api/tasks/${task.id}/history`).expect(200)).body;
    expect(whole.length).toBeGreaterThanOrEqual(7);
    expect(ids(whole)).toEqual([...ids(whole)].sort((a, b) => a - b));
    const latest = (await t.http.get(`/api/tasks/${task.id}/history?limit=3`).expect(200)).body;
    expect(ids(latest)).toEqual(ids(whole.slice(-3)));
    expect(latest[2].changes.content.to).toBe('Nội dung sửa lần 6');
    const before = (await t.http.get(`/api/tasks/${task.id}/history?limit=3&beforeId=${latest[0].id}`).expect(200)).body;
    expect(ids(before)).toEqual(ids(whole.slice(-6, -3)));
    const rest = (await t.http.get(`/api/tasks/${task.id}/history?beforeId=${before[0].id}`).expect(200)).body;
    expect(ids(rest)).toEqual(ids(whole.slice(0, -6)));
    const bad = await t.http.get(`/api/tasks/${task.id}/history?limit=500`).expect(400);
    expect(bad.body.errors[0].message).toBe('limit: phải nhỏ hơn hoặc bằng 100');
  });
});
