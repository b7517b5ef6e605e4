import { appendFileSync } from 'node:fs';
import type { Browser, Request } from 'playwright-core';
import { planPath, reportPath, taskPath, VIEW_PATHS } from '../../src/common/web-paths.js';
import { Notification } from '../../src/notifications/entities/notification.entity.js';
import { auditPage, expectNoProblems, LIMITS } from './support/audit.js';
import { BOTH_SCREENS, launchBrowser, loadMeasured, screenshot, SCREENS } from './support/browser.js';
import { startBrowserServer, type BrowserServer } from './support/server.js';
import { VIEWS, waitForView } from './support/views.js';

/**
 * Long lists a page at a time. Kế hoạch on a plan of 320 tasks, made through
 * the API in the demo commune: opened cold at 1366 and 360 px it stays under
 * 100,000 bytes because it shows the first page of rows only; "Xem thêm" (by
 * keyboard) brings the next; a filter and a search are answered by the
 * server, not by rows already in the page. Việc của tôi of an official who
 * leads 80 of them, Thông báo with 60 and a task's log of 55 changes: the
 * first page, then the rest by keyboard.
 */
describe('long lists a page at a time (a 320-task plan) at 1366 and 360 px', () => {
  let s: BrowserServer;
  let browser: Browser;
  let planId: number;
  let tuphap: { id: number; fullName: string; position: string };
  const N = 320;
  const tid = (id: string) => `[data-testid="${id}"]`;

  beforeAll(async () => {
    s = await startBrowserServer();
    browser = await launchBrowser();
    const chairman = await s.api('chairman');
    const { unitId } = (await chairman.get('/api/plans').expect(200)).body[0];
    const officials = (await chairman.get(`/api/officials?unitId=${unitId}`).expect(200)).body;
    tuphap = officials.find((o: { position: string }) => /Tư pháp/.test(o.position));
    // rows as long as the demo plan's: a content of two lines, a product, a lead and a deadline
    const phuLucs = [1, 2, 3, 4, 5, 6, 7].map((number) => ({
      number,
      tasks: Array.from({ length: N }, (_, i) => i).filter((i) => (i % 7) + 1 === number).map((i) => ({
        content: i % 10 === 0
          ? `Tuyên truyền, phổ biến văn bản quy phạm pháp luật mới đến cán bộ và nhân dân trên địa bàn xã, đợt ${i}`
          : `Rà soát, cập nhật, công khai thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã, nội dung ${i}`,
        products: ['Báo cáo kết quả thực hiện'],
        leadText: i % 4 === 0 ? tuphap.position : 'Công chức Văn phòng – Thống kê',
        coordinatorsText: 'Các ban, ngành, đoàn thể xã',
        deadlineText: `Tháng ${(i % 12) + 1}/2023`,
      })),
    }));
    planId = (await chairman.post('/api/plans').send({ unitId, number: '320/KH-UBND', title: 'Kế hoạch cải cách hành chính lớn', year: 2023, phuLucs }).expect(201)).body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  for (const screen of BOTH_SCREENS) {
    it(`opens light, shows the first page, loads the rest and filters on the server at ${screen.width} px`, async () => {
      const context = await s.contextAs(browser, 'chairman', screen);
      try {
        const { page, watch, weight } = await loadMeasured(context, s.base, planPath(planId));
        await waitForView(page, VIEWS.find((v) => v.name === 'ke-hoach')!);
        // VIEW_WEIGHTS=<file>: the cold load's bytes appended there, as the every-view test does
        if (process.env.VIEW_WEIGHTS) appendFileSync(process.env.VIEW_WEIGHTS, `ke-hoach-${N}\tchairman\t${screen.width}\t${weight.bytes}\t${weight.scriptGzipBytes}\n`);
        expect(weight.bytes).toBeLessThan(LIMITS.coldLoadBytes);
        const rows = page.locator(tid('task-row'));
        const first = await rows.count();
        expect(first).toBeGreaterThan(0);
        expect(first).toBeLessThan(N);
        expect(await page.locator(tid('plan-shown')).textContent()).toBe(`Đang hiện ${first} trên ${N} nhiệm vụ.`);
        await screenshot(page, 'ke-hoach-320-nhiem-vu', screen);
        expectNoProblems(`Kế hoạch 320 nhiệm vụ (${screen.width} px)`, await auditPage(page, { screen, watch, weight }));

        // the next page, by keyboard
        const more = page.locator(tid('plan-show-more'));
        const promised = Number(/^Xem thêm (\d+) nhiệm vụ$/.exec((await more.textContent())!.trim())![1]);
        expect(promised).toBeGreaterThan(0);
        await more.focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="task-row"]').length > n, first);
        expect(await rows.count()).toBe(first + promised);
        expect(await page.locator(tid('plan-shown')).textContent()).toBe(`Đang hiện ${first + promised} trên ${N} nhiệm vụ.`);

        // a filter and words: the server narrows (the request carries them), the address keeps them
        const asked: string[] = [];
        page.on('request', (r: Request) => { if (r.url().includes(`/api/plans/${planId}/tasks?`)) asked.push(r.url()); });
        await page.locator(tid('official-filter')).selectOption(String(tuphap.id));
        await page.locator(tid('filter-search')).fill('tuyen truyen');
        const chairman = await s.api('chairman');
        const want = (await chairman.get(`/api/plans/${planId}/tasks?assigneeId=${tuphap.id}&q=tuyen%20truyen`).expect(200)).body;
        expect(want.total).toBe(16); // i % 20 === 0 of 320
        await page.locator(tid('filter-note')).filter({ hasText: `Có ${want.total} trên ${N} nhiệm vụ khớp bộ lọc.` }).waitFor();
        await page.waitForFunction(() => !(globalThis as any).document.querySelector('main [aria-busy="true"]'));
        expect(await rows.evaluateAll((els) => els.map((e: any) => Number(e.dataset.taskId)))).toEqual(want.items.map((x: { id: number }) => x.id));
        expect(await page.locator(tid('plan-show-more')).count()).toBe(0);
        expect(asked.map((u) => new URL(u).searchParams).some((q) => q.get('assigneeId') === String(tuphap.id) && q.get('q') === 'tuyen truyen')).toBe(true);
        const url = new URL(page.url());
        expect([url.searchParams.get('can-bo'), url.searchParams.get('tim')]).toEqual([String(tuphap.id), 'tuyen truyen']);
        await screenshot(page, 'ke-hoach-320-nhiem-vu-loc', screen);
      } finally {
        await context.close();
      }
    });
  }

  it('Tổng quan of the 320-task plan: light, 100 overdue rows of 320, and a link to the rest in Kế hoạch (360 px)', async () => {
    const screen = SCREENS.phone;
    const chairman = await s.api('chairman');
    // as of today every 2023 due date has passed: all 320 are overdue
    const want = (await chairman.get(`/api/plans/${planId}/overview`).expect(200)).body;
    expect(want.overdue.total).toBe(N);
    const context = await s.contextAs(browser, 'chairman', screen);
    try {
      const { page, watch, weight } = await loadMeasured(context, s.base, `${VIEW_PATHS.overview}?ke-hoach=${planId}`);
      await waitForView(page, VIEWS.find((v) => v.name === 'tong-quan')!);
      await page.locator(tid('overdue-more')).waitFor();
      if (process.env.VIEW_WEIGHTS) appendFileSync(process.env.VIEW_WEIGHTS, `tong-quan-${N}\tchairman\t${screen.width}\t${weight.bytes}\t${weight.scriptGzipBytes}\n`);
      expect(weight.bytes).toBeLessThan(LIMITS.coldLoadBytes);
      const links = page.locator(`${tid('overdue-list')} ${tid('task-link')}`);
      expect(await links.evaluateAll((els) => els.map((e: any) => e.getAttribute('href')))).toEqual(want.overdue.items.map((x: { id: number }) => taskPath(x.id)));
      expect(await links.count()).toBe(100);
      const more = page.locator(tid('overdue-more'));
      expect((await more.textContent())!.trim()).toBe(`Đang hiện 100 trên ${N} nhiệm vụ; xem tất cả trong Kế hoạch.`);
      expect(await more.locator('a').getAttribute('href')).toBe(`${planPath(planId)}?qua-han=1`);
      await screenshot(page, 'tong-quan-320-nhiem-vu', screen);
      expectNoProblems(`Tổng quan 320 nhiệm vụ (${screen.width} px)`, await auditPage(page, { screen, watch, weight }));
    } finally {
      await context.close();
    }
  });

  it("Việc của tôi of the official who leads 80 of them: the most urgent first, the rest on 'Xem thêm' (360 px)", async () => {
    const screen = SCREENS.phone;
    const official = await s.api('official');
    const want = (await official.get(`/api/officials/${official.me.officialId}/tasks?status=open`).expect(200)).body;
    expect(want.total).toBeGreaterThan(80);
    const context = await s.contextAs(browser, 'official', screen);
    try {
      const { page, watch, weight } = await loadMeasured(context, s.base, VIEW_PATHS.myTasks);
      await waitForView(page, VIEWS.find((v) => v.name === 'viec-cua-toi')!);
      const rows = page.locator(`${tid('my-tasks')} ${tid('task-row')}`);
      const first = await rows.count();
      expect(first).toBeLessThan(want.total);
      expect(await rows.evaluateAll((els) => els.map((e: any) => Number(e.dataset.taskId)))).toEqual(want.items.slice(0, first).map((x: { id: number }) => x.id));
      expect(await page.locator(tid('my-summary')).textContent()).toBe(`${want.total} nhiệm vụ đang thực hiện, trong đó ${want.overdue} quá hạn.`);
      expectNoProblems(`Việc của tôi, ${want.total} nhiệm vụ (${screen.width} px)`, await auditPage(page, { screen, watch, weight }));
      await page.locator(tid('my-show-more')).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="my-tasks"] [data-testid="task-row"]').length > n, first);
      expect(await rows.evaluateAll((els) => els.map((e: any) => Number(e.dataset.taskId)))).toEqual(want.items.slice(0, await rows.count()).map((x: { id: number }) => x.id));
    } finally {
      await context.close();
    }
  });

  it("Thông báo of an official with 60 of them: the newest first, older ones on 'Xem thông báo cũ hơn' (360 px)", async () => {
    const screen = SCREENS.phone;
    const official = await s.api('official');
    // the rows reminders would write, oldest first
    await s.t.db.getRepository(Notification).insert(Array.from({ length: 60 }, (_, i) => ({
      officialId: official.me.officialId!, taskId: null, kind: 'due', dueOn: '2023-06-30', title: `Nhắc việc số ${i + 1}`, body: 'Nhiệm vụ đến hạn hôm nay.',
    })));
    const context = await s.contextAs(browser, 'official', screen);
    try {
      const { page, watch, weight } = await loadMeasured(context, s.base, VIEW_PATHS.notifications);
      await waitForView(page, VIEWS.find((v) => v.name === 'thong-bao')!);
      const items = page.locator(tid('notification'));
      const first = await items.count();
      expect(first).toBeLessThan(60);
      expect(await items.first().locator('b').textContent()).toBe('Nhắc việc số 60');
      // the header's count and the summary, from GET /api/notifications/unread-count
      expect(await page.locator(tid('unread')).textContent()).toBe('Thông báo 60 chưa đọc');
      expect(await page.locator(tid('notifications-summary')).textContent()).toBe('60 thông báo chưa đọc.');
      expectNoProblems(`Thông báo, 60 (${screen.width} px)`, await auditPage(page, { screen, watch, weight }));
      await page.locator(tid('notifications-more')).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="notification"]').length > n, first);
      const titles = await items.evaluateAll((els) => els.map((e: any) => e.querySelector('b').textContent));
      expect(titles).toEqual(Array.from({ length: 60 }, (_, i) => `Nhắc việc số ${60 - i}`));
      await page.waitForFunction(() => !(globalThis as any).document.querySelector('[data-testid="notifications-more"]'));
      await screenshot(page, 'thong-bao-60', screen);
    } finally {
      await context.close();
    }
  });

  it("the log of a task changed 55 times: the newest first, older ones on 'Xem nhật ký cũ hơn' (360 px)", async () => {
    const screen = SCREENS.phone;
    const chairman = await s.api('chairman');
    const plan = (await chairman.get(`/api/plans/${planId}/tasks?limit=1`).expect(200)).body;
    let task = plan.items[0];
    for (let i = 1; i <= 55; i++) {
      task = (await chairman.patch(`/api/tasks/${task.id}`).send({ products: [`Báo cáo bản ${i}`], version: task.version }).expect(200)).body;
    }
    const whole = (await chairman.get(`/api/tasks/${task.id}/history`).expect(200)).body;
    expect(whole.length).toBeGreaterThan(55);
    const context = await s.contextAs(browser, 'chairman', screen);
    try {
      const { page, watch, weight } = await loadMeasured(context, s.base, taskPath(task.id));
      await waitForView(page, VIEWS.find((v) => v.name === 'nhiem-vu')!);
      const entries = page.locator(tid('log-entry'));
      await entries.first().waitFor();
      const first = await entries.count();
      expect(first).toBeLessThan(whole.length);
      expectNoProblems(`Nhiệm vụ sửa 55 lần (${screen.width} px)`, await auditPage(page, { screen, watch, weight }));
      await page.locator(tid('log-more')).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="log-entry"]').length > n, first);
      expect(await entries.count()).toBe(whole.length);
      // newest first, every entry once
      expect(await entries.evaluateAll((els) => els.map((e: any) => e.getAttribute('data-action')))).toEqual(whole.map((e: { action: string }) => e.action).reverse());
      await page.waitForFunction(() => !(globalThis as any).document.querySelector('[data-testid="log-more"]'));
    } finally {
      await context.close();
    }
  });

  it('prints a report\'s long lists whole: the screen shows 50 rows and "Xem thêm", paper every row', async () => {
    const chairman = await s.api('chairman');
    await chairman.post(`/api/plans/${planId}/issue`).send({ issuedOn: '2023-01-30' }).expect(200);
    const context = await s.contextAs(browser, 'chairman', SCREENS.desktop);
    try {
      const page = await context.newPage();
      await page.goto(new URL(reportPath(planId, 'Y', 2023), s.base).toString());
      await page.click(tid('report-preview'));
      await page.locator(tid('report-preview-body')).waitFor();
      // the longest of the report's lists
      const lists = ['report-completed', 'report-overdue', 'report-not-completed', 'report-next'];
      const sizes = await Promise.all(lists.map((l) => page.locator(`${tid(l)} tbody tr`).count()));
      const longest = lists[sizes.indexOf(Math.max(...sizes))];
      const rows = page.locator(`${tid(longest)} tbody tr`);
      const total = await rows.count();
      expect(total).toBeGreaterThan(50);
      await page.locator(`details.lines:has(${tid(longest)}) > summary`).click();
      const shown = () => rows.evaluateAll((trs) => trs.filter((tr: any) => tr.getBoundingClientRect().height > 0).length);
      expect(await shown()).toBe(50);
      expect(await page.locator(`details.lines:has(${tid(longest)}) ${tid('show-more')}`).isVisible()).toBe(true);
      await page.emulateMedia({ media: 'print' });
      expect(await shown()).toBe(total);
      expect(await page.locator(`details.lines:has(${tid(longest)}) ${tid('show-more')}`).isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
