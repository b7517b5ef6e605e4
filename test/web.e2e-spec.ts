import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { todayLocal } from '../src/common/local-date.js';
import { ADMIN, DEMO_PASSWORD, startApp, TestApp } from './support/app.js';
import { eventually } from './support/smtp.js';

/**
 * The page at `/`, driven in Debian's Chromium against the real API and the
 * Hoằng Tiến 2023 demo plan: signing in, what the chairman sees, assigning, an
 * official's own tasks, completing one, an error the API refuses, what each
 * role is offered, signing out and a forced password change. The steps run in
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
  let base: string;
  const pageErrors: string[] = [];
  const cspErrors: string[] = [];
  const today = todayLocal();
  const VIEW = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };

  const tid = (id: string) => `[data-testid="${id}"]`;
  const row = (taskId: number) => page.locator(`${tid('task-row')}[data-task-id="${taskId}"]`);
  const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
  const official = (position: RegExp) => officials.find((o) => position.test(o.position))!;
  /** Waits until the headline (the API's own sentence) starts with the given words. */
  const summaryStartsWith = (prefix: string) =>
    page.waitForFunction((p) => ((globalThis as any).document.querySelector('[data-testid="summary"]')?.textContent ?? '').startsWith(p), prefix);
  const api = async (path: string) => (await t.http.get(path).expect(200)).body;
  /** Every page's script errors and CSP refusals, asserted empty at the end. */
  const watch = (p: Page) => {
    p.setDefaultTimeout(10_000);
    p.on('pageerror', (e) => pageErrors.push(e.message));
    p.on('console', (m) => { if (m.type() === 'error' && m.text().includes('Content Security Policy')) cspErrors.push(m.text()); });
  };
  const focused = (p: Page) => p.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('data-testid') ?? null);
  /** Fills and sends the page's sign-in form; resolves with the API's answer. */
  const signIn = async (p: Page, username: string, password: string) => {
    await p.locator(tid('login-form')).waitFor();
    await p.fill(tid('login-username'), username);
    await p.fill(tid('login-password'), password);
    const [res] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
      p.click(tid('login-submit')),
    ]);
    return res;
  };
  /** A browser context of its own (its own cookies), signed in through the form. */
  const openAs = async (username: string, password = DEMO_PASSWORD) => {
    const p = await (await browser.newContext(VIEW)).newPage();
    watch(p);
    await p.goto(base);
    expect((await signIn(p, username, password)).status()).toBe(200);
    return p;
  };
  const rowsWith = (p: Page, selector: string) =>
    p.locator(`${tid('task-row')}:has(${selector})`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-task-id'))).sort((a, b) => a - b));
  const waitRows = (p: Page, n: number) =>
    p.waitForFunction((k) => (globalThis as any).document.querySelectorAll('[data-testid="task-row"]').length === k, n);

  beforeAll(async () => {
    t = await startApp({ demo: true });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const plans = await api('/api/plans');
    planId = plans[0].id;
    officials = await api(`/api/officials?unitId=${plans[0].unitId}`);
    base = `http://127.0.0.1:${port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    page = await browser.newPage(VIEW);
    watch(page);
    await page.goto(base);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is served under a strict Content-Security-Policy that allows its one script by hash', async () => {
    const res = await t.anon.get('/').expect(200);
    const csp = String(res.headers['content-security-policy']);
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)![1].split(/\s+/);
    const scripts = [...res.text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(1);
    expect(scripts[0][0].startsWith('<script>')).toBe(true);
    expect(scriptSrc).toEqual(["'self'", `'sha256-${createHash('sha256').update(scripts[0][1]).digest('base64')}'`]);
    // inline handlers would be refused: none in the markup
    expect(res.text.replace(scripts[0][0], '')).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('asks who is there before showing anything', async () => {
    await page.locator(tid('login-form')).waitFor();
    expect(await focused(page)).toBe('login-username');
    expect(await page.locator(tid('overview')).isVisible()).toBe(false);
    expect(await page.locator(tid('signed-in')).isVisible()).toBe(false);
    expect(await page.locator(tid('task-row')).count()).toBe(0);
    expect(await page.locator('label[for="user"]').textContent()).toContain('Tên đăng nhập');
    expect(await page.locator('label[for="pass"]').textContent()).toContain('Mật khẩu');
  });

  it("shows the API's message for a wrong password and stays on the form", async () => {
    const res = await signIn(page, 'chutich', 'sai-mat-khau');
    expect(res.status()).toBe(401);
    const message = (await res.json()).message;
    expect(message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    const alert = page.locator(tid('login-error'));
    await alert.waitFor({ state: 'visible' });
    expect(await alert.getAttribute('role')).toBe('alert');
    expect((await alert.textContent())!.trim()).toBe(message);
    expect(await page.locator(tid('login-form')).isVisible()).toBe(true);
    expect(await page.inputValue(tid('login-username'))).toBe('chutich');
    expect(await page.inputValue(tid('login-password'))).toBe('');
    expect(await page.locator(tid('overview')).isVisible()).toBe(false);
    expect((await page.context().cookies()).map((c) => c.name)).toEqual([]);
  });

  it('signs the chairman in and shows who is signed in', async () => {
    expect((await signIn(page, 'chutich', DEMO_PASSWORD)).status()).toBe(200);
    await summaryStartsWith('đã hoàn thành');
    expect(await page.locator(tid('login-form')).isVisible()).toBe(false);
    const me = await api('/api/auth/me');
    expect(me).toMatchObject({ username: 'chutich', role: 'chairman', name: 'Lê Văn Thắng', unitName: 'UBND xã Hoằng Tiến' });
    expect(await text(tid('user-name'))).toBe(me.name);
    expect(await text(tid('user-role'))).toBe(me.roleLabel);
    expect(await text(tid('user-unit'))).toBe(me.unitName);
    expect(await text(tid('logout'))).toBe('Đăng xuất');
    const cookies = Object.fromEntries((await page.context().cookies()).map((c) => [c.name, c]));
    expect(cookies.cchc_token).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.cchc_csrf).toMatchObject({ httpOnly: false, sameSite: 'Strict' });
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

  it("shows a task's log, who changed what and when, and takes a progress note", async () => {
    const tuPhap = official(/Tư pháp/);
    const mine = await api(`/api/tasks?planId=${planId}&assigneeId=${tuPhap.id}`);
    const task = mine.find((x: any) => x.status === 'done' && x.dueDates[0].completedOn === '2023-12-20');
    const chairName = await text(tid('user-name'));
    const log = page.locator(`${tid('task-log')}[data-task-id="${task.id}"]`);
    await row(task.id).locator(tid('log-button')).click();
    await log.locator(tid('log-entry')).first().waitFor();
    const history = await api(`/api/tasks/${task.id}/history`);
    expect(await log.locator(tid('log-entry')).count()).toBe(history.length);
    // newest first: the completion just made, by the chairman, with its date and evidence
    const newest = log.locator(tid('log-entry')).first();
    expect(await newest.getAttribute('data-action')).toBe('completed');
    expect(await newest.locator(tid('log-actor')).textContent()).toBe(chairName);
    expect(await newest.textContent()).toContain('Báo cáo hoàn thành');
    expect(await newest.textContent()).toContain('Ngày hoàn thành: 20/12/2023');
    expect(await newest.textContent()).toContain('Minh chứng: Báo cáo số 45/BC-UBND ngày 20/12/2023');

    // an empty note is refused on the page, without a request
    await log.locator(tid('note-submit')).click();
    expect(await text(tid('alert'))).toContain('Hãy nhập nội dung ghi chú');
    expect((await api(`/api/tasks/${task.id}/history`)).length).toBe(history.length);

    await log.locator(tid('note-text')).fill('Đã gửi báo cáo lên Phòng Nội vụ');
    await log.locator(tid('note-submit')).click();
    await page.waitForFunction(([id, n]) => (globalThis as any).document.querySelectorAll(`[data-testid="task-log"][data-task-id="${id}"] [data-testid="log-entry"]`).length === n, [task.id, history.length + 1]);
    expect(await newest.getAttribute('data-action')).toBe('note');
    expect(await newest.textContent()).toContain('Ghi chú: Đã gửi báo cáo lên Phòng Nội vụ');
    expect(await text(tid('notice'))).toContain('Đã thêm ghi chú');
    expect(await log.locator(tid('note-text')).inputValue()).toBe('');
    const after = await api(`/api/tasks/${task.id}/history`);
    expect(after.at(-1)).toMatchObject({ action: 'note', actorName: chairName, changes: { note: { to: 'Đã gửi báo cáo lên Phòng Nội vụ' } } });
    expect((await api(`/api/tasks/${task.id}/notes`)).map((n: any) => n.text)).toEqual(['Đã gửi báo cáo lên Phòng Nội vụ']);

    // the same button closes it
    await row(task.id).locator(tid('log-button')).click();
    expect(await log.count()).toBe(0);
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

  it('offers an official the complete button on his own tasks only, and no assigning', async () => {
    const tuPhap = official(/Tư pháp/);
    const p = await openAs('tuphap');
    await p.waitForFunction(() => ((globalThis as any).document.querySelector('[data-testid="summary"]')?.textContent ?? '').startsWith('đã hoàn thành'));
    expect(await p.locator(tid('user-name')).textContent()).toBe(tuPhap.fullName);
    expect(await p.locator(tid('user-role')).textContent()).toBe('Công chức');

    // his own tasks first
    const mine = await api(`/api/tasks?planId=${planId}&assigneeId=${tuPhap.id}`);
    expect(await p.inputValue(tid('official-filter'))).toBe(String(tuPhap.id));
    await waitRows(p, mine.length);
    const open = mine.filter((x: any) => x.status === 'open' && x.dueDates.some((d: any) => !d.completedOn)).map((x: any) => x.id).sort((a: number, b: number) => a - b);
    expect(open.length).toBeGreaterThan(0);
    expect(await rowsWith(p, tid('complete-button'))).toEqual(open);

    // the whole plan: still only his, though others' tasks are open too
    await p.selectOption(tid('official-filter'), '');
    await waitRows(p, 34);
    const plan = await api(`/api/plans/${planId}`);
    const othersOpen = plan.phuLucs.flatMap((x: any) => x.tasks).filter((x: any) => x.status === 'open' && x.assigneeId !== tuPhap.id);
    expect(othersOpen.length).toBeGreaterThan(0);
    expect(await rowsWith(p, tid('complete-button'))).toEqual(open);
    // a colleague's task: its log is there to read, but the note form is not his
    const other = othersOpen.find((x: any) => !x.coordinatorIds.includes(tuPhap.id));
    await p.locator(`${tid('task-row')}[data-task-id="${other.id}"] ${tid('log-button')}`).click();
    const otherLog = p.locator(`${tid('task-log')}[data-task-id="${other.id}"]`);
    await otherLog.locator('h4').waitFor();
    await p.waitForFunction((id) => !((globalThis as any).document.querySelector(`[data-testid="task-log"][data-task-id="${id}"]`)?.textContent ?? '').includes('Đang tải'), other.id);
    expect(await otherLog.locator(tid('note-form')).count()).toBe(0);
    await p.locator(`${tid('task-row')}[data-task-id="${other.id}"] ${tid('log-button')}`).click();
    expect(await p.locator(tid('unassigned')).isVisible()).toBe(true);
    expect(await p.locator(tid('unassigned-row')).count()).toBe(plan.unassigned.length);
    expect(await p.locator(`${tid('assign-form')}, ${tid('assign-select')}, ${tid('assign-button')}`).count()).toBe(0);
    expect(await p.locator('#unGive').isVisible()).toBe(false);

    // and he may complete one of them (a cookie-borne POST with its anti-forgery header)
    const task = mine.find((x: any) => x.status === 'open' && x.dueDates.length === 1 && !x.dueDates[0].completedOn);
    const r = p.locator(`${tid('task-row')}[data-task-id="${task.id}"]`);
    await r.locator(tid('complete-button')).click();
    const form = p.locator(`${tid('complete-form')}[data-task-id="${task.id}"]`);
    await form.locator(tid('complete-evidence')).fill('Báo cáo của công chức Tư pháp');
    await form.locator(tid('complete-submit')).click();
    await p.locator(tid('notice')).waitFor({ state: 'visible' });
    expect(await p.locator(tid('notice')).textContent()).toContain('Đã ghi nhận hoàn thành');
    expect(await r.locator(tid('complete-button')).count()).toBe(0);
    expect((await api(`/api/tasks/${task.id}`)).dueDates[0]).toMatchObject({ completedOn: today, evidence: 'Báo cáo của công chức Tư pháp' });

    // a progress note on his own task: in the log under his name
    await r.locator(tid('log-button')).click();
    const log = p.locator(`${tid('task-log')}[data-task-id="${task.id}"]`);
    await log.locator(tid('note-text')).fill('Đã lưu hồ sơ tại bộ phận Tư pháp');
    await log.locator(tid('note-submit')).click();
    await log.locator(`${tid('log-entry')}[data-action="note"]`).waitFor();
    expect(await log.locator(`${tid('log-entry')}[data-action="note"] ${tid('log-actor')}`).textContent()).toBe(tuPhap.fullName);
    expect((await api(`/api/tasks/${task.id}/history`)).at(-1)).toMatchObject({ action: 'note', actorName: tuPhap.fullName });
    await p.context().close();
  });

  it('shows the superior level the plan read-only, until its session ends', async () => {
    const p = await openAs('noivu.hoanghoa');
    await p.waitForFunction(() => ((globalThis as any).document.querySelector('[data-testid="summary"]')?.textContent ?? '').startsWith('đã hoàn thành'));
    const me = (await (await t.login('noivu.hoanghoa', DEMO_PASSWORD)).get('/api/auth/me').expect(200)).body;
    expect(me).toMatchObject({ role: 'viewer', unitName: 'UBND huyện Hoằng Hóa' });
    expect(await p.locator(tid('user-role')).textContent()).toBe(me.roleLabel);
    expect(await p.locator(tid('user-unit')).textContent()).toBe(me.unitName);
    expect(await p.locator(tid('unit-name')).textContent()).toBe('UBND xã Hoằng Tiến');
    const progress = await api(`/api/plans/${planId}/progress?asOf=${today}`);
    expect(await p.locator(tid('summary')).textContent()).toBe(progress.summary);
    expect(await p.inputValue(tid('official-filter'))).toBe('');
    expect(await p.locator(tid('task-row')).count()).toBe(34);
    expect(await p.locator(`${tid('complete-button')}, ${tid('assign-form')}, ${tid('assign-select')}, ${tid('assign-button')}`).count()).toBe(0);
    // a task's log is readable, with nothing to write
    const first = Number(await p.locator(tid('task-row')).first().getAttribute('data-task-id'));
    await p.locator(tid('log-button')).first().click();
    await p.locator(`${tid('task-log')}[data-task-id="${first}"] ${tid('log-entry')}`).first().waitFor();
    expect(await p.locator(`${tid('task-log')} ${tid('log-entry')}`).count()).toBe((await api(`/api/tasks/${first}/history`)).length);
    expect(await p.locator(tid('note-form')).count()).toBe(0);

    // the session ends elsewhere: the next request brings the sign-in form back, with the reason
    const token = (await p.context().cookies()).find((c) => c.name === 'cchc_token')!.value;
    await t.anon.post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(200);
    await p.fill(tid('as-of'), '2023-12-14');
    const alert = p.locator(tid('login-error'));
    await alert.waitFor({ state: 'visible' });
    expect(await alert.textContent()).toContain('Phiên đăng nhập đã hết hạn');
    expect(await p.locator(tid('overview')).isVisible()).toBe(false);
    expect(await p.locator(tid('task-row')).count()).toBe(0);
    expect(await focused(p)).toBe('login-username');
    await p.context().close();
  });

  it('gives the administrator units, officials and accounts instead of a plan', async () => {
    const requests: string[] = [];
    const p = await openAs(ADMIN.username, ADMIN.password);
    p.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const notice = p.locator(tid('admin-notice'));
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toContain('/api/docs');
    expect(await notice.textContent()).toContain('/admin/queues');
    expect(await p.locator(tid('overview')).isVisible()).toBe(false);
    expect(await p.locator(tid('user-role')).textContent()).toBe('Quản trị hệ thống');
    const units = (await t.admin.get('/api/units').expect(200)).body;
    await p.locator(tid('unit-row')).first().waitFor();
    expect(await p.locator(tid('unit-row')).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-unit-id'))))).toEqual(units.map((u: any) => u.id));
    const district = units.find((u: any) => u.name === 'UBND huyện Hoằng Hóa');
    const rowText = (id: number) => p.locator(`${tid('unit-row')}[data-unit-id="${id}"]`).textContent();
    expect(await rowText(units.find((u: any) => u.name === 'UBND xã Hoằng Tiến').id)).toContain('UBND huyện Hoằng Hóa');

    // a new commune under the district
    await p.locator(tid('unit-create')).click();
    expect(await p.locator(tid('alert')).textContent()).toContain('Hãy nhập tên đơn vị');
    await p.fill(tid('unit-new-name'), 'UBND xã Hoằng Thử');
    await p.selectOption(tid('unit-new-parent'), String(district.id));
    await p.locator(tid('unit-create')).click();
    await p.locator(tid('official-form')).waitFor();
    expect(await p.locator(tid('notice')).textContent()).toContain('Đã thêm đơn vị UBND xã Hoằng Thử.');
    const made = (await t.admin.get('/api/units').expect(200)).body.find((u: any) => u.name === 'UBND xã Hoằng Thử');
    expect(made).toMatchObject({ parentId: district.id });
    expect(await p.locator('#admUnitTitle').textContent()).toBe('Cán bộ và tài khoản của UBND xã Hoằng Thử');
    expect(await p.locator(`${tid('unit-row')}[data-unit-id="${made.id}"] ${tid('unit-pick')}`).getAttribute('aria-pressed')).toBe('true');

    // its chairman: an official, then an account (the role follows the official's)
    const box = p.locator(tid('unit-accounts'));
    await box.locator(tid('official-new-name')).fill('Trần Văn Chủ');
    await box.locator(tid('official-new-position')).fill('Chủ tịch UBND xã');
    await box.locator(tid('official-new-role')).selectOption('chairman');
    await box.locator(tid('official-create')).click();
    const chair = await eventually(async () => (await t.admin.get(`/api/officials?unitId=${made.id}`).expect(200)).body.find((o: any) => o.fullName === 'Trần Văn Chủ'), 10000, 'the official');
    const form = box.locator(`${tid('account-row')}[data-official-id="${chair.id}"] ${tid('account-form')}`);
    await form.waitFor();
    expect(await form.locator(tid('account-new-role')).inputValue()).toBe('chairman');
    await form.locator(tid('account-new-username')).fill('chutich.hoangthu');
    await form.locator(tid('account-new-password')).fill('cap-dau-2026');
    await form.locator(tid('account-create')).click();
    await box.locator(`${tid('account-row')}[data-official-id="${chair.id}"] ${tid('account-username')}`).waitFor();
    expect((await t.admin.get(`/api/users?unitId=${made.id}`).expect(200)).body).toEqual([
      expect.objectContaining({ username: 'chutich.hoangthu', role: 'chairman', officialId: chair.id, mustChangePassword: true }),
    ]);

    // the administrator resets it: a generated password, shown once
    await box.locator(`${tid('account-row')}[data-official-id="${chair.id}"] ${tid('account-reset')}`).click();
    await p.waitForFunction(() => /Đã đặt lại mật khẩu/.test((globalThis as any).document.querySelector('[data-testid="notice"]')?.textContent ?? ''));
    const generated = /: ([A-Za-z0-9]{16})\./.exec((await p.locator(tid('notice')).textContent())!)![1];
    expect((await t.login('chutich.hoangthu', generated)).me).toMatchObject({ role: 'chairman', mustChangePassword: true });

    // the district's viewer: an account tied to no official
    await p.locator(`${tid('unit-row')}[data-unit-id="${district.id}"] ${tid('unit-pick')}`).click();
    await p.waitForFunction(() => /Hoằng Hóa/.test((globalThis as any).document.querySelector('#admUnitTitle')?.textContent ?? ''));
    const viewer = box.locator(tid('viewer-form'));
    await viewer.waitFor();
    await viewer.locator(tid('account-new-username')).fill('noivu.thu');
    await viewer.locator(tid('account-new-password')).fill('cap-dau-2026');
    await viewer.locator(tid('account-create')).click();
    await p.waitForFunction(() => /noivu\.thu/.test((globalThis as any).document.querySelector('[data-testid="unit-accounts"]')?.textContent ?? ''));
    expect((await t.admin.get(`/api/users?unitId=${district.id}`).expect(200)).body.find((u: any) => u.username === 'noivu.thu'))
      .toMatchObject({ role: 'viewer', officialId: null, unitId: district.id });

    await p.reload();
    await notice.waitFor({ state: 'visible' });
    expect(requests.filter((x) => x.startsWith('/api/plans'))).toEqual([]);
    await p.context().close();
  });

  it("lets the chairman give an official an account, and lock and unlock one", async () => {
    const unitId = (await api(`/api/plans/${planId}`)).unitId;
    const diaChinh = (await t.admin.post('/api/officials').send({ unitId, fullName: 'Đỗ Văn Địa', position: 'Công chức Địa chính – Xây dựng' }).expect(201)).body;
    expect(await page.locator(tid('accounts')).isVisible()).toBe(true);
    await page.locator(tid('accounts-open')).click();
    const rowOf = (officialId: number) => page.locator(`${tid('account-row')}[data-official-id="${officialId}"]`);
    await rowOf(diaChinh.id).waitFor();
    const active = (await api(`/api/officials?unitId=${unitId}`)).filter((o: any) => o.active);
    expect(await page.locator(tid('account-row')).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-official-id')))))
      .toEqual(active.map((o: any) => o.id));
    expect(await rowOf(official(/^Chủ tịch/).id).locator(tid('account-username')).textContent()).toBe('chutich');
    expect(await rowOf(official(/^Chủ tịch/).id).locator(tid('account-lock')).count()).toBe(0); // not one's own, nor a chairman's

    // a username someone has: the API's Vietnamese refusal, and no account
    const form = rowOf(diaChinh.id).locator(tid('account-form'));
    await form.locator(tid('account-new-username')).fill('tuphap');
    await form.locator('button.link').click();
    const password = await form.locator(tid('account-new-password')).inputValue();
    expect(password).toMatch(/^[a-z2-9]{12}$/);
    await form.locator(tid('account-create')).click();
    await page.locator(tid('alert')).waitFor({ state: 'visible' });
    expect(await text(tid('alert'))).toContain('Tên đăng nhập "tuphap" không dùng được');
    expect((await t.admin.get('/api/users').expect(200)).body.filter((u: any) => u.officialId === diaChinh.id)).toEqual([]);

    await form.locator(tid('account-new-username')).fill('diachinh');
    await form.locator(tid('account-new-role')).selectOption('reporter');
    await form.locator(tid('account-create')).click();
    await rowOf(diaChinh.id).locator(tid('account-username')).waitFor();
    expect(await rowOf(diaChinh.id).locator(tid('account-state')).textContent()).toBe('Chưa đổi mật khẩu ban đầu');
    expect(await text(tid('notice'))).toContain(`Đã cấp tài khoản "diachinh" (Công chức Văn phòng – Thống kê (lập báo cáo)) cho Đỗ Văn Địa với mật khẩu ban đầu: ${password}`);
    const made = (await t.admin.get('/api/users').expect(200)).body.find((u: any) => u.username === 'diachinh');
    expect(made).toMatchObject({ role: 'reporter', unitId, officialId: diaChinh.id, active: true, mustChangePassword: true });
    // its owner is asked for a password of their own first
    const p = await openAs('diachinh', password);
    await p.locator(tid('password-form')).waitFor();
    expect(await p.locator('#pwWhy').textContent()).toContain('tài khoản mới cấp');
    await p.context().close();

    // lock: the state says so and the API agrees; unlock brings it back
    const vanHoa = official(/Văn hóa/);
    await rowOf(vanHoa.id).locator(tid('account-lock')).click();
    await page.waitForFunction((id) => (globalThis as any).document.querySelector(`[data-official-id="${id}"] [data-testid="account-state"]`)?.textContent === 'Đã khóa', vanHoa.id);
    expect(await text(tid('notice'))).toContain(`Đã khóa tài khoản "vanhoa" của ${vanHoa.fullName}`);
    expect((await t.admin.get('/api/users').expect(200)).body.find((u: any) => u.username === 'vanhoa').active).toBe(false);
    await t.anon.post('/api/auth/login').send({ username: 'vanhoa', password: DEMO_PASSWORD }).expect(401);
    await rowOf(vanHoa.id).locator(tid('account-lock')).click();
    await page.waitForFunction((id) => (globalThis as any).document.querySelector(`[data-official-id="${id}"] [data-testid="account-state"]`)?.textContent === 'Đang dùng', vanHoa.id);
    await t.anon.post('/api/auth/login').send({ username: 'vanhoa', password: DEMO_PASSWORD }).expect(200);
  });

  it("shows the chairman the unit's audit trail, newest first, by kind, a page at a time", async () => {
    const unitId = (await api(`/api/plans/${planId}`)).unitId;
    await page.locator(tid('audit-open')).click();
    const entries = page.locator(`${tid('audit-entries')} ${tid('log-entry')}`);
    await entries.first().waitFor();
    const all = await api(`/api/audit?unitId=${unitId}&limit=50`);
    expect(await entries.count()).toBe(all.length);
    expect(await entries.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-entity')}:${e.getAttribute('data-action')}`)))
      .toEqual(all.map((e: any) => `${e.entity}:${e.action}`));
    // the unlock just made, its before → after in words, by the chairman
    const unlock = all.findIndex((e: any) => e.action === 'updated' && e.changes.active?.to === true);
    expect(unlock).toBeGreaterThanOrEqual(0);
    expect(await entries.nth(unlock).textContent()).toContain('Đang dùng: không → có');
    expect(await entries.nth(unlock).locator(tid('log-actor')).textContent()).toBe(await text(tid('user-name')));

    // the next page
    const every = await api(`/api/audit?unitId=${unitId}&limit=500`);
    expect(every.length).toBeGreaterThan(50);
    await page.locator(tid('audit-more')).click();
    await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="audit-entries"] [data-testid="log-entry"]').length === n, Math.min(100, every.length));
    expect(await entries.nth(50).getAttribute('data-action')).toBe(every[50].action);
    expect(await page.locator(tid('audit-more')).count()).toBe(every.length > 100 ? 1 : 0);

    // tasks only: each named by its TT and Phụ lục
    await page.selectOption(tid('audit-entity'), 'task');
    const tasks = await api(`/api/audit?unitId=${unitId}&entity=task&limit=50`);
    await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="audit-entries"] [data-testid="log-entry"]').length === n, tasks.length);
    expect(await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-entity')))).toEqual(tasks.map(() => 'task'));
    expect(await entries.first().locator(tid('log-subject')).textContent()).toMatch(/^ · Nhiệm vụ TT \d+ Phụ lục \d\d$/);
    await page.locator(tid('audit-open')).click();
    expect(await entries.count()).toBe(0);
  });

  it('offers accounts to the chairman only', async () => {
    for (const username of ['phochutich', 'tuphap', 'noivu.hoanghoa']) {
      const p = await openAs(username);
      await p.waitForFunction(() => ((globalThis as any).document.querySelector('[data-testid="summary"]')?.textContent ?? '').startsWith('đã hoàn thành'));
      expect(await p.locator(tid('accounts')).isVisible()).toBe(false);
      expect(await p.locator(tid('audit')).isVisible()).toBe(false);
      await p.context().close();
    }
  });

  it('signs out back to the sign-in form, and the API then answers 401', async () => {
    await page.locator(tid('logout')).click();
    await page.locator(tid('login-form')).waitFor();
    expect(await focused(page)).toBe('login-username');
    expect(await page.locator(tid('overview')).isVisible()).toBe(false);
    expect(await page.locator(tid('signed-in')).isVisible()).toBe(false);
    expect(await page.locator(tid('login-error')).isVisible()).toBe(false);
    expect(await page.locator(tid('task-row')).count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).fetch('api/auth/me').then((r: any) => r.status))).toBe(401);
    expect((await page.context().cookies()).map((c) => c.name)).toEqual([]);
    await page.reload();
    await page.locator(tid('login-form')).waitFor();
    expect(await page.locator(tid('overview')).isVisible()).toBe(false);
  });

  it('shows only the change-password form after a password reset, until it is changed', async () => {
    const user = (await t.admin.get('/api/users').expect(200)).body.find((u: any) => u.username === 'taichinh');
    await t.admin.post(`/api/users/${user.id}/reset-password`).send({ password: 'tam-thoi-2024' }).expect(200);
    expect((await signIn(page, 'taichinh', 'tam-thoi-2024')).status()).toBe(200);
    const form = page.locator(tid('password-form'));
    await form.waitFor();
    expect(await focused(page)).toBe('password-current');
    expect(await page.locator(tid('overview')).isVisible()).toBe(false);
    expect(await page.locator(tid('logout')).isVisible()).toBe(true);
    expect(await page.locator('#pwCancel').isVisible()).toBe(false);
    expect(await page.evaluate(() => (globalThis as any).fetch('api/plans').then((r: any) => r.status))).toBe(403);

    const error = page.locator(tid('password-error'));
    const send = async (current: string, next: string, again = next) => {
      await page.fill(tid('password-current'), current);
      await page.fill(tid('password-new'), next);
      await page.fill(tid('password-repeat'), again);
      await page.click(tid('password-submit'));
    };
    await send('tam-thoi-2024', 'taichinh-2024');
    await page.waitForFunction(() => /tên đăng nhập/.test((globalThis as any).document.querySelector('[data-testid="password-error"]').textContent));
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toContain('Mật khẩu mới: mật khẩu không được chứa tên đăng nhập');
    expect(await focused(page)).toBe('password-new');
    await send('sai-mat-khau', 'Hoang-Tien-2024!');
    await page.waitForFunction(() => /hiện tại không đúng/.test((globalThis as any).document.querySelector('[data-testid="password-error"]').textContent));
    expect(await error.textContent()).toBe('Mật khẩu hiện tại không đúng');
    await send('tam-thoi-2024', 'Hoang-Tien-2024!', 'Hoang-Tien-2025!');
    expect(await error.textContent()).toBe('Mật khẩu nhập lại không khớp với mật khẩu mới.');
    expect(await form.isVisible()).toBe(true);

    await send('tam-thoi-2024', 'Hoang-Tien-2024!');
    await summaryStartsWith('đã hoàn thành');
    expect(await form.isVisible()).toBe(false);
    expect(await text(tid('notice'))).toContain('Đã đổi mật khẩu');
    expect(await page.locator(tid('complete-button')).count()).toBeGreaterThan(0);
    await t.login('taichinh', 'Hoang-Tien-2024!');
  });

  it('produced no page errors and no Content-Security-Policy violations', () => {
    expect(cspErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
