import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { allPlanRows } from './support/plan-page.js';
import { todayLocal } from '../src/common/local-date.js';
import { Notification } from '../src/notifications/entities/notification.entity.js';
import { DEMO_PASSWORD, startApp, TestApp } from './support/app.js';

/**
 * The web app (web/, built into dist/web), driven in Debian's Chromium against
 * the real API and the Hoằng Tiến 2023 demo plan: how it is served, signing
 * in, the overview, the plan, a task and what each role may do to it, an
 * official's own list on a phone, notifications, addresses (old reminder
 * links, back and forward), errors beside their fields, signing out and a
 * forced password change. The steps run in order and build on each other.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

type AnyTask = { id: number; phuLuc: number; ordinal: number; assigneeId: number | null; status: string; version: number; coordinatorIds: number[];
  schedule: { needsReview: boolean }; dueDates: { dueOn: string | null; completedOn: string | null }[] };

// Functions run in the page use (globalThis as any): this project compiles without the DOM lib.
describe('web app', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let planId: number;
  let unitId: number;
  let officials: { id: number; fullName: string; position: string }[];
  let base: string;
  const pageErrors: string[] = [];
  const cspErrors: string[] = [];
  const today = todayLocal();
  // the browser speaks English on purpose: dates must be dd/mm/yyyy whatever its language
  const DESKTOP = { viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' };
  const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' };
  const vn = (iso: string) => iso.split('-').reverse().join('/');

  const tid = (id: string) => `[data-testid="${id}"]`;
  const text = async (p: Page, selector: string) => ((await p.locator(selector).first().textContent()) ?? '').trim();
  const official = (position: RegExp) => officials.find((o) => position.test(o.position))!;
  const api = async (path: string) => (await t.http.get(path).expect(200)).body;
  const planTasks = async (): Promise<AnyTask[]> => (await api(`/api/plans/${planId}`)).phuLucs.flatMap((p: { tasks: AnyTask[] }) => p.tasks);
  const watch = (p: Page) => {
    p.setDefaultTimeout(10_000);
    p.on('pageerror', (e) => pageErrors.push(e.message));
    p.on('console', (m) => { if (m.type() === 'error' && m.text().includes('Content Security Policy')) cspErrors.push(m.text()); });
  };
  const focused = (p: Page) => p.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('data-testid') ?? null);
  const path = (p: Page) => new URL(p.url()).pathname;
  const signIn = async (p: Page, username: string, password: string) => {
    await p.locator(tid('login-form')).waitFor();
    await p.fill(tid('login-username'), username);
    await p.fill(tid('login-password'), password);
    const [res] = await Promise.all([p.waitForResponse((r) => r.url().endsWith('/api/auth/login')), p.click(tid('login-submit'))]);
    return res;
  };
  const openAs = async (username: string, screen: typeof DESKTOP | typeof PHONE = DESKTOP, at = '/') => {
    const p = await (await browser.newContext(screen)).newPage();
    watch(p);
    await p.goto(new URL(at, base).toString());
    expect((await signIn(p, username, DEMO_PASSWORD)).status()).toBe(200);
    await p.locator(tid('signed-in')).waitFor();
    return p;
  };
  const summaryStartsWith = (p: Page, prefix: string) =>
    p.waitForFunction((x) => ((globalThis as any).document.querySelector('[data-testid="summary"]')?.textContent ?? '').startsWith(x), prefix);
  const fitsScreen = (p: Page) => p.evaluate(() => (globalThis as any).document.documentElement.scrollWidth <= (globalThis as any).innerWidth);

  beforeAll(async () => {
    t = await startApp({ demo: true });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const plans = await api('/api/plans');
    planId = plans[0].id;
    unitId = plans[0].unitId;
    officials = await api(`/api/officials?unitId=${unitId}`);
    base = `http://127.0.0.1:${port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    page = await browser.newPage(DESKTOP);
    watch(page);
    await page.goto(base);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is served with hashed files cached for a year, the page revalidated by its ETag, and no inline script or style', async () => {
    const res = await t.anon.get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    await t.anon.get('/').set('If-None-Match', etag).expect(304);
    const csp = String(res.headers['content-security-policy']);
    expect(/(?:^|;)\s*script-src ([^;]*)/.exec(csp)![1]).toBe("'self'");
    expect(/(?:^|;)\s*style-src ([^;]*)/.exec(csp)![1]).toBe("'self'");
    // no inline script, style or handler; a message for browsers without JavaScript
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(res.text).not.toMatch(/<style|\sstyle=|\son[a-z]+\s*=/i);
    expect(res.text).toMatch(/<noscript>[\s\S]*bật JavaScript[\s\S]*<\/noscript>/);
    const files = [...res.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(files).toEqual([expect.stringMatching(/^\/assets\/app-\w{8}\.css$/), expect.stringMatching(/^\/assets\/app-\w{8}\.js$/)]);
    for (const f of files) {
      const a = await t.anon.get(f).set('Accept-Encoding', 'gzip').expect(200);
      expect(a.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(a.headers['content-encoding']).toBe('gzip');
    }
    // every view's address answers the page; anything else is a Vietnamese 404
    for (const p of ['/tong-quan', '/ke-hoach', `/ke-hoach/${planId}`, '/nhiem-vu/1', '/viec-cua-toi', '/thong-bao', '/dang-nhap']) {
      expect((await t.anon.get(p).expect(200)).text).toBe(res.text);
    }
    expect((await t.anon.get('/khong-co-trang-nay').expect(404)).body.message).toBe('Không tìm thấy đường dẫn này');
    expect((await t.anon.get('/assets/app-00000000.js').expect(404)).body.message).toBe('Không tìm thấy tệp này');
  });

  it('gives lists a compact plan: no parser items, no schedule dates apart from the due dates, no timestamps', async () => {
    const full = await api(`/api/plans/${planId}`);
    const compact = await api(`/api/plans/${planId}?compact=true`);
    const [f, c] = [full.phuLucs[1].tasks[0], compact.phuLucs[1].tasks[0]];
    expect(f.schedule.items.length).toBeGreaterThan(0);
    expect(c.schedule.items).toBeUndefined();
    // the schedule's dates are the due dates' own, kept once
    expect(c.schedule.dueDates).toBeUndefined();
    expect(f.schedule.dueDates).toEqual(c.dueDates.map((d: any) => d.dueOn).filter(Boolean));
    expect(c.createdAt).toBeUndefined();
    expect(c.dueDates).toEqual(f.dueDates.map((d: any) => ({ dueOn: d.dueOn, completedOn: d.completedOn })));
    expect({ ...c, schedule: { ...c.schedule, items: f.schedule.items, dueDates: f.schedule.dueDates }, dueDates: f.dueDates, createdAt: f.createdAt, updatedAt: f.updatedAt }).toEqual(f);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length * 0.85);
    await t.http.get(`/api/plans/${planId}?compact=yes`).expect(400);
  });

  it('asks who is there before showing anything', async () => {
    await page.locator(tid('login-form')).waitFor();
    expect(path(page)).toBe('/dang-nhap');
    expect(await focused(page)).toBe('login-username');
    expect(await page.locator(tid('signed-in')).count()).toBe(0);
    expect(await page.locator(tid('nav')).count()).toBe(0);
    expect(await page.locator('label', { hasText: 'Tên đăng nhập' }).count()).toBe(1);
    expect(await page.locator('label', { hasText: 'Mật khẩu' }).count()).toBe(1);
  });

  it("shows the API's message for a wrong password and keeps the user name", async () => {
    const res = await signIn(page, 'chutich', 'sai-mat-khau');
    expect(res.status()).toBe(401);
    const alert = page.locator(tid('form-error'));
    await alert.waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await text(page, tid('form-error'))).toBe((await res.json()).message);
    expect(await page.inputValue(tid('login-username'))).toBe('chutich');
    expect(await page.inputValue(tid('login-password'))).toBe('');
    expect((await page.context().cookies()).map((c) => c.name)).toEqual([]);
    // nothing typed: each field says so beside itself, without a request
    await page.fill(tid('login-username'), '');
    await page.click(tid('login-submit'));
    expect(await text(page, tid('error-username'))).toBe('Hãy nhập tên đăng nhập.');
    expect(await text(page, tid('error-password'))).toBe('Hãy nhập mật khẩu.');
    expect(await page.getAttribute(tid('login-username'), 'aria-invalid')).toBe('true');
  });

  it('signs the chairman in to the overview, with his unit and role in Vietnamese', async () => {
    expect((await signIn(page, 'chutich', DEMO_PASSWORD)).status()).toBe(200);
    await summaryStartsWith(page, 'đã hoàn thành');
    expect(path(page)).toBe('/tong-quan');
    const me = await api('/api/auth/me');
    expect(await text(page, tid('user-name'))).toBe('Lê Văn Thắng');
    expect(await text(page, tid('user-role'))).toBe('Chủ tịch UBND');
    expect(await text(page, tid('user-unit'))).toBe(me.unitName);
    expect(await page.locator(`${tid('nav')} a`).allTextContents()).toEqual(expect.arrayContaining(['Tổng quan', 'Kế hoạch', 'Việc của tôi', 'Thông báo']));
    expect(await page.getAttribute(tid('nav-overview'), 'aria-current')).toBe('page');
    const cookies = Object.fromEntries((await page.context().cookies()).map((c) => [c.name, c]));
    expect(cookies.cchc_token).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.cchc_csrf).toMatchObject({ httpOnly: false, sameSite: 'Strict' });
  });

  it("shows the plan's figures at a glance, as of a chosen date typed dd/mm/yyyy", async () => {
    const progress = await api(`/api/plans/${planId}/progress?asOf=${today}`);
    expect(await text(page, tid('summary'))).toBe(progress.summary);
    expect(await page.inputValue(tid('as-of'))).toBe(vn(today));
    expect(await text(page, tid('count-overdue'))).toBe(String(progress.overdue));
    const bars = page.locator(tid('phu-luc-bar'));
    expect(await bars.count()).toBe(7);
    expect(await text(page, `${tid('phu-luc-bar')} ${tid('phu-luc-ratio')}`)).toBe('0/3 · 0%');
    expect(await page.locator(`${tid('month-chart')} svg rect`).count()).toBe(24);
    const plan = await api(`/api/plans/${planId}`);
    expect(await page.locator(`${tid('needs-chairman')} ${tid('task-link')}`).count()).toBe(
      plan.unassigned.length + (await planTasks()).filter((x) => x.schedule.needsReview).length);

    await page.fill(tid('as-of'), '2023-12-14');
    await page.click(tid('as-of-submit'));
    expect(await text(page, tid('error-asOf'))).toContain('05/03/2023');
    await page.fill(tid('as-of'), '14/12/2023');
    await page.click(tid('as-of-submit'));
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="as-of-text"]')?.textContent === '14/12/2023');
    expect(new URL(page.url()).searchParams.get('ngay')).toBe('2023-12-14');
    const then = await api(`/api/plans/${planId}/progress?asOf=2023-12-14`);
    expect(await text(page, tid('count-overdue'))).toBe(String(then.overdue));
    expect(await text(page, tid('count-in-progress'))).toBe(String(then.inProgress));
  });

  it('shows the plan as one table per Phụ lục, filtered by official and by words', async () => {
    await page.click(tid('nav-plans'));
    await page.click(tid('plan-link'));
    await allPlanRows(page);
    expect(path(page)).toBe(`/ke-hoach/${planId}`);
    expect(await page.locator(tid('phu-luc-section')).count()).toBe(7);
    expect(await page.locator('table.dt').first().locator('th').allTextContents()).toEqual(
      ['TT', 'Nội dung', 'Sản phẩm', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành', 'Trạng thái', 'Người chủ trì', 'Thao tác']);
    const tasks = await planTasks();
    expect(await page.locator(tid('needs-review')).count()).toBe(tasks.filter((x) => x.schedule.needsReview).length);
    const tuPhap = official(/Tư pháp/);
    await page.selectOption(tid('official-filter'), String(tuPhap.id));
    const mine = tasks.filter((x) => x.assigneeId === tuPhap.id).map((x) => x.id).sort((a, b) => a - b);
    await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="task-row"]').length === n, mine.length);
    expect((await page.locator(tid('task-row')).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-task-id'))))).sort((a, b) => a - b)).toEqual(mine);
    expect(new URL(page.url()).searchParams.get('can-bo')).toBe(String(tuPhap.id));
    await page.selectOption(tid('official-filter'), '');
    // words without their marks find them too
    // the server finds them (the rows come from it a page at a time): as many rows as it counts
    const found = (await api(`/api/plans/${planId}/tasks?q=${encodeURIComponent('tiep nhan va tra ket qua')}`)).total;
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(20);
    await page.fill(tid('filter-search'), 'tiep nhan va tra ket qua');
    await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="task-row"]').length === n, found);
    const fold = (x: string) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').toLowerCase();
    for (const row of await page.locator(tid('task-row')).allTextContents()) {
      for (const w of ['tiep', 'nhan', 'tra', 'ket', 'qua']) expect(fold(row)).toContain(w);
    }
    await page.fill(tid('filter-search'), '');
    await allPlanRows(page);
  });

  it('opens a task from the plan, assigns it with coordinators, and goes back and forward', async () => {
    const [first] = await api(`/api/plans/${planId}/unassigned`);
    await page.click(`${tid('task-row')}[data-task-id="${first.taskId}"] ${tid('task-open')}`);
    await page.locator(`${tid('task')}[data-task-id="${first.taskId}"]`).waitFor();
    expect(path(page)).toBe(`/nhiem-vu/${first.taskId}`);
    expect(await text(page, tid('task-assignee'))).toBe('Chưa giao');

    await page.click(tid('assign-button'));
    expect(await text(page, tid('error-assigneeId'))).toBe('Hãy chọn cán bộ chủ trì.');
    const vanPhong = official(/Văn phòng/);
    const taiChinh = official(/Tài chính/);
    await page.selectOption(tid('assign-select'), String(vanPhong.id));
    await page.locator(tid('coordinator')).nth(officials.filter((o: any) => o.active !== false).findIndex((o) => o.id === taiChinh.id)).check();
    await page.click(tid('assign-button'));
    await page.waitForFunction((name) => (globalThis as any).document.querySelector('[data-testid="task-assignee"]')?.textContent === name, vanPhong.fullName);
    const saved = await api(`/api/tasks/${first.taskId}`);
    expect(saved).toMatchObject({ assigneeId: vanPhong.id, coordinatorIds: [taiChinh.id] });
    expect((await api(`/api/plans/${planId}/unassigned`)).map((u: any) => u.taskId)).not.toContain(first.taskId);
    // the log says it in words, by name
    await page.locator(`${tid('log-entry')}[data-action="assigned"], ${tid('log-entry')}[data-action="updated"]`).first().waitFor();
    expect(await text(page, tid('log-entries'))).toContain(`Người chủ trì: ${vanPhong.fullName}`);

    await page.goBack();
    await page.locator(tid('plan-header')).waitFor();
    expect(path(page)).toBe(`/ke-hoach/${planId}`);
    await page.goForward();
    await page.locator(`${tid('task')}[data-task-id="${first.taskId}"]`).waitFor();
  });

  it('fixes a deadline that needs review, understood as it is typed', async () => {
    const task = (await planTasks()).find((x) => x.schedule.needsReview)!;
    await page.goto(`${base}nhiem-vu/${task.id}`);
    await page.locator(tid('deadline-form')).waitFor();
    expect(await page.locator(`${tid('task')} ${tid('needs-review')}`).count()).toBe(1);
    await page.fill(tid('deadline-text'), 'Trước ngày 30/6/2023');
    await page.waitForFunction(() => ((globalThis as any).document.querySelector('[data-testid="deadline-parsed"]')?.textContent ?? '').includes('30/06/2023'));
    expect(await page.locator(tid('parsed-needs-review')).count()).toBe(0);
    await page.click(tid('deadline-submit'));
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('[data-testid="task"] [data-testid="needs-review"]').length === 0);
    const saved = await api(`/api/tasks/${task.id}`);
    expect(saved.schedule).toMatchObject({ needsReview: false, dueDates: ['2023-06-30'] });
    expect(saved.deadlineText).toBe('Trước ngày 30/6/2023');
  });

  it('refuses a completion date in the future beside its field, keeps what was typed, and changes nothing', async () => {
    const task = (await planTasks()).find((x) => x.status === 'open' && x.assigneeId !== null && x.dueDates.length === 1)!;
    await page.goto(`${base}nhiem-vu/${task.id}`);
    await page.locator(tid('complete-form')).waitFor();
    expect(await page.inputValue(tid('complete-date'))).toBe(vn(today));
    const future = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
    await page.fill(tid('complete-date'), vn(future));
    await page.fill(tid('complete-evidence'), 'Báo cáo số 1/BC-UBND');
    await page.click(tid('complete-submit'));
    await page.locator(tid('error-completedOn')).waitFor();
    expect(await text(page, tid('error-completedOn'))).toContain(`${vn(future)} ở tương lai`);
    expect(await text(page, tid('error-completedOn'))).not.toMatch(/completedOn/);
    expect(await page.getAttribute(tid('complete-date'), 'aria-describedby')).toContain('-err');
    expect(await page.inputValue(tid('complete-date'))).toBe(vn(future));
    expect(await page.inputValue(tid('complete-evidence'))).toBe('Báo cáo số 1/BC-UBND');
    expect((await api(`/api/tasks/${task.id}`)).version).toBe(task.version);

    // a double click sends one request
    let posts = 0;
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith(`/api/tasks/${task.id}/complete`)) posts++; });
    await page.fill(tid('complete-date'), '20/12/2023');
    await page.dblclick(tid('complete-submit'));
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="task-status"]')?.textContent === 'Đã hoàn thành');
    expect(posts).toBe(1);
    expect((await api(`/api/tasks/${task.id}`)).dueDates[0]).toMatchObject({ completedOn: '2023-12-20', evidence: 'Báo cáo số 1/BC-UBND' });
    expect((await api(`/api/plans/${planId}/progress?asOf=${today}`)).completed).toBe(1);

    // and reopened, with a reason
    await page.fill(tid('reopen-reason'), 'Báo cáo còn thiếu số liệu');
    await page.click(tid('reopen-submit'));
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="task-status"]')?.textContent === 'Quá hạn');
    expect((await api(`/api/tasks/${task.id}`)).dueDates[0].completedOn).toBeNull();
  });

  it('escapes text from the API', async () => {
    const content = '<img src=x onerror="window.__xss=1">Nhiệm vụ <b>thử</b>';
    const task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 7, content, deadlineText: 'Tháng 12/2023' }).expect(201)).body.task;
    await page.goto(`${base}nhiem-vu/${task.id}`);
    await page.locator(tid('task-content')).waitFor();
    expect(await text(page, tid('task-content'))).toBe(content);
    expect(await page.locator('main img, main b:text("thử")').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).__xss)).toBeUndefined();
    await t.http.post(`/api/tasks/${task.id}/cancel`).send({ reason: 'Nhập thử' }).expect(200);
  });

  it('lets the chairman create a plan by hand with two tasks, fix its header and issue it', async () => {
    await page.goto(`${base}ke-hoach`);
    await page.locator(tid('plan-create-form')).waitFor();
    await page.fill(tid('plan-number'), '15/KH-UBND');
    await page.fill(tid('plan-title'), 'Kế hoạch cải cách hành chính năm 2024');
    await page.fill(tid('plan-year'), '2024');
    await page.fill(tid('plan-issued-on'), '2024-01-15');
    await page.click(tid('plan-create-submit'));
    expect(await text(page, tid('error-issuedOn'))).toContain('ngày/tháng/năm');
    await page.fill(tid('plan-issued-on'), '');
    await page.click(tid('plan-create-submit'));
    await page.locator(tid('plan-header')).waitFor();
    const id = Number(path(page).split('/').pop());
    expect(await text(page, tid('plan-status'))).toBe('Dự thảo');

    for (const [content, deadline] of [['Rà soát thủ tục hành chính', 'Trước ngày 30/6/2024'], ['Báo cáo kết quả cải cách hành chính', 'Hằng quý']]) {
      await page.locator(`${tid('phu-luc-section')}[data-phu-luc="1"] ${tid('task-add-open')}`).click();
      await page.fill(tid('task-content-input'), content);
      await page.fill(tid('task-deadline'), deadline);
      await page.locator(tid('deadline-parsed')).waitFor();
      await page.click(tid('task-save'));
      await page.locator(`${tid('task-row')} ${tid('task-open')}`, { hasText: content }).waitFor();
    }
    // a third row typed by mistake goes again, while the plan is a draft
    await page.locator(`${tid('phu-luc-section')}[data-phu-luc="1"] ${tid('task-add-open')}`).click();
    await page.fill(tid('task-content-input'), 'Dòng gõ nhầm');
    await page.click(tid('task-save'));
    const typo = page.locator(tid('task-row'), { hasText: 'Dòng gõ nhầm' });
    await typo.locator(tid('task-edit')).click();
    page.once('dialog', (d) => void d.accept());
    await page.click(tid('task-remove'));
    await typo.waitFor({ state: 'detached' });
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('[data-testid="task-row"]').length === 2);
    const plan = await api(`/api/plans/${id}`);
    expect(plan.phuLucs[0].tasks.map((x: any) => [x.ordinal, x.schedule.dueDates[0]])).toEqual([[1, '2024-06-30'], [2, '2024-03-31']]);

    await page.click(`${tid('plan-edit')} summary`);
    await page.fill(tid('plan-decision'), 'Quyết định số 20/QĐ-UBND ngày 10/01/2024');
    await page.click(tid('plan-save'));
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="plan-decision-text"]')?.textContent === 'Quyết định số 20/QĐ-UBND ngày 10/01/2024');

    await page.fill(tid('issue-date'), '15/01/2024');
    await page.click(tid('plan-issue'));
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="plan-status"]')?.textContent === 'Đã ban hành');
    expect(await api(`/api/plans/${id}`)).toMatchObject({ status: 'issued', issuedOn: '2024-01-15', decision: 'Quyết định số 20/QĐ-UBND ngày 10/01/2024' });
  });

  it("gives an official on a phone his own open tasks, overdue first, and completes one from the list; the chairman's figures change", async () => {
    const tuPhap = official(/Tư pháp/);
    const p = await openAs('tuphap', PHONE);
    await p.locator(tid('my-tasks')).waitFor();
    expect(path(p)).toBe('/viec-cua-toi');
    expect(await text(p, tid('user-role'))).toBe('Công chức');
    const open = await api(`/api/tasks?assigneeId=${tuPhap.id}&status=open`);
    await p.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="task-row"]').length === n, open.length);
    const states = await p.locator(tid('task-row')).evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(states.indexOf('open') === -1 || states.lastIndexOf('overdue') < states.indexOf('open')).toBe(true);
    expect(await fitsScreen(p)).toBe(true);
    expect(await p.locator(`${tid('nav')} a`).allTextContents()).not.toContain('Đơn vị');

    const before = (await api(`/api/plans/${planId}/progress?asOf=${today}`)).completed;
    const row = p.locator(tid('task-row')).first();
    const taskId = Number(await row.getAttribute('data-task-id'));
    await row.locator(tid('complete-open')).click();
    await row.locator(tid('complete-evidence')).fill('Báo cáo của công chức Tư pháp');
    expect(await fitsScreen(p)).toBe(true);
    const box = (await row.locator(tid('complete-submit')).boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(40);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await row.locator(tid('complete-submit')).click();
    await p.locator(tid('notice')).waitFor();
    expect(await text(p, tid('notice'))).toContain('Đã ghi nhận hoàn thành');
    const done = (await api(`/api/tasks/${taskId}`)).dueDates.filter((d: any) => d.completedOn === today);
    expect(done[0]).toMatchObject({ evidence: 'Báo cáo của công chức Tư pháp' });

    // the chairman sees it on his overview
    const after = await api(`/api/plans/${planId}/progress?asOf=${today}`);
    await page.goto(`${base}tong-quan?ke-hoach=${planId}`);
    await summaryStartsWith(page, 'đã hoàn thành');
    expect(await text(page, tid('summary'))).toBe(after.summary);
    if ((await api(`/api/tasks/${taskId}`)).status === 'done') expect(after.completed).toBe(before + 1);

    // a colleague's task: readable, but neither his to complete nor to assign
    const other = (await planTasks()).find((x) => x.status === 'open' && x.assigneeId !== tuPhap.id && !x.coordinatorIds.includes(tuPhap.id))!;
    await p.goto(`${base}nhiem-vu/${other.id}`);
    await p.locator(`${tid('task')}[data-task-id="${other.id}"]`).waitFor();
    await p.locator(tid('log-entries')).waitFor();
    expect(await p.locator(`${tid('complete-form')}, ${tid('assign-form')}, ${tid('deadline-form')}, ${tid('cancel-form')}, ${tid('note-form')}`).count()).toBe(0);
    expect(await fitsScreen(p)).toBe(true);
    await p.context().close();
  });

  it('counts unread notifications in the header, and opens the task of one', async () => {
    const tuPhap = official(/Tư pháp/);
    const task = (await planTasks()).find((x) => x.assigneeId === tuPhap.id)!;
    await t.db.getRepository(Notification).save({
      officialId: tuPhap.id, taskId: task.id, kind: 'overdue-1', dueOn: '2023-12-31', title: 'Quá hạn: nhiệm vụ thử', body: 'Nhiệm vụ đã quá hạn từ ngày 31/12/2023.', readAt: null,
    });
    const p = await openAs('tuphap');
    await p.waitForFunction(() => /1/.test((globalThis as any).document.querySelector('[data-testid="unread"]')?.textContent ?? ''));
    await p.click(tid('unread'));
    await p.locator(tid('notification')).first().waitFor();
    expect(await p.getAttribute(tid('notification'), 'data-read')).toBe('false');
    expect(await text(p, tid('notification'))).toContain('31/12/2023');
    await p.click(tid('notification-open'));
    await p.locator(`${tid('task')}[data-task-id="${task.id}"]`).waitFor();
    await p.waitForFunction(() => !/\d/.test((globalThis as any).document.querySelector('[data-testid="unread"]')?.textContent ?? ''));
    const [n] = (await (await t.login('tuphap', DEMO_PASSWORD)).get('/api/notifications').expect(200)).body;
    expect(n.readAt).not.toBeNull();
    await p.context().close();
  });

  it('opens the task an old reminder link names, after signing in', async () => {
    const task = (await planTasks())[5];
    const p = await (await browser.newContext(DESKTOP)).newPage();
    watch(p);
    await p.goto(`${base}#task-${task.id}`);
    await p.locator(tid('login-form')).waitFor();
    expect(new URL(p.url()).searchParams.get('tiep')).toBe(`/nhiem-vu/${task.id}`);
    await signIn(p, 'phochutich', DEMO_PASSWORD);
    await p.locator(`${tid('task')}[data-task-id="${task.id}"]`).waitFor();
    expect(path(p)).toBe(`/nhiem-vu/${task.id}`);
    await p.context().close();
  });

  it('shows the superior level the plan read-only', async () => {
    const p = await openAs('noivu.hoanghoa');
    await summaryStartsWith(p, 'đã hoàn thành');
    expect(await text(p, tid('user-role'))).toBe('Cấp trên theo dõi (Phòng/Sở Nội vụ)');
    const task = (await planTasks())[0];
    await p.goto(`${base}nhiem-vu/${task.id}`);
    await p.locator(tid('log-entries')).waitFor();
    expect(await p.locator('main form').count()).toBe(0);
    await p.goto(`${base}ke-hoach/${planId}`);
    await p.locator(tid('task-row')).first().waitFor();
    expect(await p.locator(`${tid('task-edit')}, ${tid('task-add-open')}, ${tid('plan-issue-form')}, ${tid('plan-close-form')}`).count()).toBe(0);
    await p.context().close();
  });

  it('signs out back to the sign-in form, and the API then answers 401', async () => {
    await page.click(tid('logout'));
    await page.locator(tid('login-form')).waitFor();
    expect(path(page)).toBe('/dang-nhap');
    expect(await page.locator(tid('signed-in')).count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).fetch('/api/auth/me').then((r: any) => r.status))).toBe(401);
    expect((await page.context().cookies()).map((c) => c.name)).toEqual([]);
    await page.goto(`${base}tong-quan`);
    await page.locator(tid('login-form')).waitFor();
  });

  it('shows only the change-password form after a password reset, until it is changed', async () => {
    const user = (await t.admin.get('/api/users').expect(200)).body.find((u: any) => u.username === 'taichinh');
    await t.admin.post(`/api/users/${user.id}/reset-password`).send({ password: 'tam-thoi-2024' }).expect(200);
    expect((await signIn(page, 'taichinh', 'tam-thoi-2024')).status()).toBe(200);
    await page.locator(tid('password-form')).waitFor();
    expect(path(page)).toBe('/doi-mat-khau');
    expect(await focused(page)).toBe('password-current');
    expect(await page.locator(tid('nav')).count()).toBe(0);
    await page.goto(`${base}tong-quan`);
    await page.locator(tid('password-form')).waitFor();
    expect(path(page)).toBe('/doi-mat-khau');

    const send = async (current: string, next: string, again = next) => {
      await page.fill(tid('password-current'), current);
      await page.fill(tid('password-new'), next);
      await page.fill(tid('password-repeat'), again);
      await page.click(tid('password-submit'));
    };
    await send('tam-thoi-2024', 'taichinh-2024');
    await page.locator(tid('error-newPassword')).waitFor();
    expect(await text(page, tid('error-newPassword'))).toMatch(/^Mật khẩu không được chứa tên đăng nhập/);
    await send('sai-mat-khau', 'Hoang-Tien-2024!');
    await page.locator(tid('error-currentPassword')).waitFor();
    expect(await text(page, tid('error-currentPassword'))).toBe('Mật khẩu hiện tại không đúng');
    await send('tam-thoi-2024', 'Hoang-Tien-2024!', 'Hoang-Tien-2025!');
    expect(await text(page, tid('error-repeat'))).toBe('Mật khẩu nhập lại không khớp với mật khẩu mới.');

    await send('tam-thoi-2024', 'Hoang-Tien-2024!');
    await page.locator(tid('my-tasks')).waitFor();
    expect(path(page)).toBe('/viec-cua-toi');
    await t.login('taichinh', 'Hoang-Tien-2024!');
  });

  it('produced no page errors and no Content-Security-Policy violations', () => {
    expect(cspErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
