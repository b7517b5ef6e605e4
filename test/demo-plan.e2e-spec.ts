import { DemoService } from '../src/demo/demo.service.js';
import { startApp, TestApp } from './support/app.js';

/** A new user starts the product on an empty database and sees the real Hoằng Tiến plan. */
describe('the Hoằng Tiến 2023 plan on an empty database', () => {
  let t: TestApp;
  let plan: any;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    const plans = (await t.http.get('/api/plans').expect(200)).body;
    expect(plans).toHaveLength(1);
    plan = (await t.http.get(`/api/plans/${plans[0].id}`).expect(200)).body;
  });
  afterAll(() => t.close());

  it('has the plan with its seven Phụ lục and 34 tasks', () => {
    expect(plan).toMatchObject({ number: '08/KH-UBND', year: 2023, status: 'issued', taskCount: 34 });
    expect(plan.phuLucs.map((p: any) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.phuLucs.map((p: any) => p.tasks.length)).toEqual([3, 8, 4, 4, 4, 7, 4]);
    expect(plan.phuLucs[0].title).toBe('Cải cách thể chế');
    expect(plan.phuLucs[6].title).toBe('Công tác chỉ đạo, điều hành, tuyên truyền cải cách hành chính');
  });

  it('keeps every cell verbatim and parses the deadlines', () => {
    const task = (pl: number, tt: number) => plan.phuLucs[pl - 1].tasks.find((x: any) => x.ordinal === tt);
    expect(task(1, 3)).toMatchObject({
      products: ['Kế hoạch', 'Báo cáo kết quả thực hiện'],
      leadText: 'Công chức Tư pháp – Hộ tịch',
      deadlineText: 'Báo cáo định kỳ 6 tháng, năm',
      schedule: { kind: 'recurring', dueDates: ['2023-06-30', '2023-12-31'], needsReview: false },
    });
    expect(task(3, 1).deadlineText).toBe('Trước15/11/ 2023');
    expect(task(3, 1).schedule).toMatchObject({ kind: 'date', dueDates: ['2023-11-15'] });
    expect(task(5, 2).schedule).toMatchObject({ kind: 'date', dueDates: ['2023-01-31'] });
    expect(task(4, 3).schedule).toMatchObject({ kind: 'milestones', dueDates: ['2023-01-31', '2023-12-31'] });
    expect(task(1, 1).schedule).toMatchObject({ kind: 'unspecified', dueDates: [], needsReview: true });
    // every task has at least one due-date row, dated or not
    const all = plan.phuLucs.flatMap((p: any) => p.tasks);
    expect(all.every((x: any) => x.dueDates.length >= 1)).toBe(true);
    expect(all.filter((x: any) => x.schedule.dueDates.length > 0).length).toBeGreaterThanOrEqual(31);
  });

  it('assigns the tasks whose lead names one official, and lists the rest for the chairman', async () => {
    const officials = (await t.http.get('/api/officials').expect(200)).body;
    const byPosition = (p: string) => officials.find((o: any) => o.position === p).id;
    const all = plan.phuLucs.flatMap((p: any) => p.tasks.map((x: any) => ({ ...x, pl: p.number })));
    const assigned = (pl: number) => all.filter((x: any) => x.pl === pl).map((x: any) => x.assigneeId);
    const tuPhap = byPosition('Công chức Tư pháp – Hộ tịch');
    const taiChinh = byPosition('Công chức Tài chính – Kế toán');
    const vanHoa = byPosition('Công chức Văn hóa – Xã hội');
    const vanPhong = byPosition('Công chức Văn phòng – Thống kê');
    expect(assigned(1)).toEqual([tuPhap, tuPhap, tuPhap]);
    expect(assigned(5)).toEqual([taiChinh, taiChinh, taiChinh, taiChinh]);
    expect(assigned(6)).toEqual([vanHoa, vanHoa, vanPhong, vanHoa, vanHoa, vanHoa, null]);
    expect(assigned(3)[0]).toBe(vanPhong);
    const unassigned = all.filter((x: any) => x.assigneeId === null);
    expect(plan.unassigned.map((u: any) => u.taskId).sort()).toEqual(unassigned.map((x: any) => x.id).sort());
    expect(plan.unassigned.find((u: any) => u.phuLuc === 4 && u.ordinal === 2).reason).toBe('Không có công chức nào giữ chức danh này');
    expect(plan.unassigned.find((u: any) => u.phuLuc === 6 && u.ordinal === 7).reason).toMatch(/Nhiều cơ quan chủ trì/);
  });

  it('compresses what it sends, for slow links', async () => {
    const res = await t.http.get(`/api/plans/${plan.id}`).set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    // the page's script (the HTML itself is under a kilobyte, below what is worth compressing)
    const page = await t.http.get('/').expect(200);
    const script = /src="(\/assets\/app-\w+\.js)"/.exec(page.text)![1];
    const file = await t.http.get(script).set('Accept-Encoding', 'gzip').expect(200);
    expect(file.headers['content-encoding']).toBe('gzip');
  });

  it('does not load the demo twice', async () => {
    const again = await t.app.get(DemoService).loadIfEmpty();
    expect(again.loaded).toBe(false);
    expect((await t.http.get('/api/plans').expect(200)).body).toHaveLength(1);
  });

  it('serves its health, OpenAPI docs and the web page', async () => {
    const health = await t.http.get('/api/health').expect(200);
    expect(health.body.database.status).toBe('up');
    expect(health.body.redis.status).toBe('up');
    const docs = await t.http.get('/api/docs-json').expect(200);
    for (const path of ['/api/plans', '/api/plans/{id}/progress', '/api/tasks/{id}/complete', '/api/deadlines/parse', '/api/officials', '/api/units']) {
      expect(Object.keys(docs.body.paths)).toContain(path);
    }
    await t.http.get('/api/docs').expect(200);
    const page = await t.http.get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
