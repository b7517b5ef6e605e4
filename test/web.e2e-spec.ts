import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { todayLocal } from '../src/common/local-date.js';
import { startApp, TestApp } from './support/app.js';

/**
 * The page at `/`, driven in Debian's Chromium against the real API and the
 * Hoằng Tiến 2023 demo plan: what the chairman sees, assigning, an official's
 * own tasks, completing one, and an error the API refuses. The steps run in
 * order and build on each other.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Functions run in the page use (globalThis as any): this project compiles without the DOM lib.
describe('web page', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let planId: number;
  let officials: { id: number; fullName: string; position: string }[];
  const pageErrors: string[] = [];
  const today = todayLocal();

  const tid = (id: string) => `[data-testid="${id}"]`;
  const row = (taskId: number) => page.locator(`${tid('task-row')}[data-task-id="${taskId}"]`);
  const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
  const official = (position: RegExp) => officials.find((o) => position.test(o.position))!;
  /** Waits until the headline (the API's own sentence) starts with the given words. */
  const summaryStartsWith = (prefix: string) =>
    page.waitForFunction((p) => ((globalThis as any).document.querySelector('[data-testid="summary"]')?.textContent ?? '').startsWith(p), prefix);
  const api = async (path: string) => (await t.http.get(path).expect(200)).body;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const plans = await api('/api/plans');
    planId = plans[0].id;
    officials = await api(`/api/officials?unitId=${plans[0].unitId}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await summaryStartsWith('đã hoàn thành');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the chairman the plan at a glance', async () => {
    expect(await page.title()).toBe('Theo dõi kế hoạch cải cách hành chính');
    expect(await text(tid('unit-name'))).toBe('UBND xã Hoằng Tiến');
    expect(await text(tid('summary'))).toMatch(/^đã hoàn thành 0\/34 nhiệm vụ, đạt 0% kế hoạch/);
    expect(await page.inputValue(tid('as-of'))).toBe(today);

    const progress = await api(`/api/plans/${planId}/progress?asOf=${today}`);
    expect(await text(tid('count-on-time'))).toBe(String(progress.completedOnTime));
    expect(await text(tid('count-late'))).toBe(String(progress.completedLate));
    expect(await text(tid('count-overdue'))).toBe(String(progress.overdue));
    expect(await text(tid('count-in-progress'))).toBe(String(progress.inProgress));

    const bars = page.locator(tid('phu-luc-bar'));
    expect(await bars.count()).toBe(7);
    expect(await bars.first().textContent()).toContain('Phụ lục 01. Cải cách thể chế');
    expect(await bars.first().locator(tid('phu-luc-ratio')).textContent()).toBe('0/3 · 0%');
    expect(await bars.nth(1).locator(tid('phu-luc-ratio')).textContent()).toBe('0/8 · 0%');

    expect(await page.locator(tid('task-row')).count()).toBe(34);
    const plan = await api(`/api/plans/${planId}`);
    const tasks = plan.phuLucs.flatMap((p: any) => p.tasks);
    expect(await page.locator(tid('needs-review')).count()).toBe(tasks.filter((x: any) => x.schedule.needsReview).length);
    // Phụ lục 01, TT 2: "Quý IV/2023", led by the Tư pháp official, shown by name and in dd/mm/yyyy
    const quyIV = tasks.find((x: any) => x.phuLuc === 1 && x.ordinal === 2);
    const r = row(quyIV.id);
    expect(await r.locator(tid('task-assignee')).textContent()).toBe(official(/Tư pháp/).fullName);
    expect(await r.locator('td.due').textContent()).toContain('31/12/2023');
    expect(await r.locator(tid('task-status')).textContent()).toBe(today > '2023-12-31' ? 'Quá hạn' : 'Chưa xong');
  });

  it('lets the chairman assign an unassigned task', async () => {
    const before = await api(`/api/plans/${planId}/unassigned`);
    const rows = page.locator(tid('unassigned-row'));
    expect(await rows.count()).toBe(before.length);
    expect(await text(tid('unassigned-count'))).toBe(String(before.length));
    const taskId = Number(await rows.first().getAttribute('data-task-id'));
    const target = page.locator(`${tid('unassigned-row')}[data-task-id="${taskId}"]`);

    // nothing chosen: a Vietnamese message, no request
    await target.locator(tid('assign-button')).click();
    expect(await page.locator(tid('alert')).isVisible()).toBe(true);
    expect(await text(tid('alert'))).toContain('Hãy chọn cán bộ');

    const vanPhong = official(/Văn phòng/);
    await target.locator(tid('assign-select')).selectOption(String(vanPhong.id));
    await target.locator(tid('assign-button')).click();
    await target.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(before.length - 1);
    expect(await text(tid('unassigned-count'))).toBe(String(before.length - 1));
    expect(await page.locator(tid('alert')).isVisible()).toBe(false);
    expect(await text(tid('notice'))).toContain(`cho ${vanPhong.fullName}`);
    expect(await row(taskId).locator(tid('task-assignee')).textContent()).toBe(vanPhong.fullName);

    const task = await api(`/api/tasks/${taskId}`);
    expect(task.assigneeId).toBe(vanPhong.id);
    expect((await api(`/api/plans/${planId}/unassigned`)).map((u: any) => u.taskId)).not.toContain(taskId);
  });

  it("shows an official only their own tasks", async () => {
    const tuPhap = official(/Tư pháp/);
    const mine = await api(`/api/tasks?planId=${planId}&assigneeId=${tuPhap.id}`);
    expect(mine.length).toBeGreaterThan(0);
    await page.selectOption(tid('official-filter'), String(tuPhap.id));
    await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="task-row"]').length === n, mine.length);
    const shown = await page.locator(tid('task-row')).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-task-id'))));
    expect(shown.sort((a, b) => a - b)).toEqual(mine.map((x: any) => x.id).sort((a: number, b: number) => a - b));
    expect(await page.locator(tid('unassigned')).isVisible()).toBe(false);
    expect(await text(tid('filter-note'))).toContain(`${mine.length} nhiệm vụ của ${tuPhap.fullName}`);
  });

  it('completes a task through the form and updates the figures', async () => {
    const tuPhap = official(/Tư pháp/);
    const mine = await api(`/api/tasks?planId=${planId}&assigneeId=${tuPhap.id}`);
    const task = mine.find((x: any) => x.dueDates.length === 1 && x.dueDates[0].dueOn === '2023-12-31');
    await row(task.id).locator(tid('complete-button')).click();
    const form = page.locator(`${tid('complete-form')}[data-task-id="${task.id}"]`);
    await form.waitFor();
    expect(await form.locator(tid('complete-date')).inputValue()).toBe(today);
    expect(await form.locator(`${tid('complete-due')} option`).evaluateAll((os) => os.map((o) => (o as any).value))).toEqual(['2023-12-31']);

    await form.locator(tid('complete-date')).fill('2023-12-20');
    expect(await form.textContent()).toContain('20/12/2023');
    await form.locator(tid('complete-evidence')).fill('Báo cáo số 45/BC-UBND ngày 20/12/2023');
    await form.locator(tid('complete-submit')).click();
    await summaryStartsWith('đã hoàn thành 1/34');
    expect(await text(tid('summary'))).toBe('đã hoàn thành 1/34 nhiệm vụ, đạt 2,94% kế hoạch');
    expect(await form.count()).toBe(0);
    expect(await row(task.id).locator(tid('task-status')).textContent()).toBe('Đã xong');
    expect(await row(task.id).locator(tid('complete-button')).count()).toBe(0);
    expect(await row(task.id).locator('td.due').textContent()).toContain('xong ngày 20/12/2023');
    expect(await text(tid('count-on-time'))).toBe('1');
    expect(await text(tid('notice'))).toContain('Đã ghi nhận hoàn thành');

    const saved = await api(`/api/tasks/${task.id}`);
    expect(saved.status).toBe('done');
    expect(saved.version).toBe(task.version + 1);
    expect(saved.dueDates).toEqual([
      { dueOn: '2023-12-31', label: null, completedOn: '2023-12-20', evidence: 'Báo cáo số 45/BC-UBND ngày 20/12/2023', onTime: true },
    ]);
    const progress = await api(`/api/plans/${planId}/progress?asOf=${today}`);
    expect(progress).toMatchObject({ completed: 1, completedOnTime: 1, ratio: '1/34' });
  });

  it('re-counts as of another date', async () => {
    await page.fill(tid('as-of'), '2023-12-14');
    await summaryStartsWith('đã hoàn thành 0/34');
    expect(await text(tid('as-of-text'))).toBe('14/12/2023');
    const progress = await api(`/api/plans/${planId}/progress?asOf=2023-12-14`);
    expect(await text(tid('count-overdue'))).toBe(String(progress.overdue));
    expect(await text(tid('count-in-progress'))).toBe(String(progress.inProgress));
    await page.fill(tid('as-of'), today);
    await summaryStartsWith('đã hoàn thành 1/34');
  });

  it('shows the Vietnamese error the API answers, and changes nothing', async () => {
    const tuPhap = official(/Tư pháp/);
    const open = (await api(`/api/tasks?planId=${planId}&assigneeId=${tuPhap.id}&status=open`))[0];
    await row(open.id).locator(tid('complete-button')).click();
    const form = page.locator(`${tid('complete-form')}[data-task-id="${open.id}"]`);
    const future = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
    await form.locator(tid('complete-date')).fill(future);
    await form.locator(tid('complete-submit')).click();
    const alert = page.locator(tid('alert'));
    await alert.waitFor({ state: 'visible' });
    const [y, m, d] = future.split('-');
    expect(await alert.textContent()).toContain(`Ngày hoàn thành ${d}/${m}/${y} ở tương lai`);
    // shown beside the form the user is looking at, not scrolled away at the top
    const box = (await alert.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    expect(await form.locator(tid('complete-date')).inputValue()).toBe(future);
    expect(await form.isVisible()).toBe(true);
    expect(await text(tid('summary'))).toMatch(/^đã hoàn thành 1\/34/);
    expect((await api(`/api/tasks/${open.id}`)).version).toBe(open.version);

    // back to the chairman's view, for the record
    await page.locator(tid('official-filter')).selectOption('');
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('[data-testid="task-row"]').length === 34);
    expect(await page.locator(tid('alert')).isVisible()).toBe(false);
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/cchc-web.png' });
  });

  it('escapes text from the API', async () => {
    const name = '<img src=x onerror="window.__xss=1">Nguyễn <b>Thử</b>';
    const unitId = (await api(`/api/plans/${planId}`)).unitId;
    await t.http.post('/api/officials').send({ unitId, fullName: name, position: 'Công chức <i>thử</i>' }).expect(201);
    await page.reload();
    await summaryStartsWith('đã hoàn thành 1/34');
    const options = await page.locator(`${tid('official-filter')} option`).allTextContents();
    expect(options).toContain(`${name} – Công chức <i>thử</i>`);
    expect(await page.locator('main img, main b:text("Thử")').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).__xss)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });

  it('opens on the task a reminder mail links to', async () => {
    const plan = await api(`/api/plans/${planId}`);
    const last = plan.phuLucs[6].tasks.at(-1);
    const base = page.url().replace(/[#?].*$/, '');
    await page.goto(`${base}#task-${last.id}`);
    await page.reload();
    const row = page.locator(`[data-testid="task-row"][data-task-id="${last.id}"]`);
    await row.waitFor();
    await page.waitForFunction((id) => (globalThis as any).document.querySelector(`[data-task-id="${id}"].linked`) !== null, last.id);
    expect(await row.isVisible()).toBe(true);
    expect(await row.evaluate((el: any) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= (globalThis as any).innerHeight; })).toBe(true);
  });
});
