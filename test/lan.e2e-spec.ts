import type { AddressInfo, Socket } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { allPlanRows } from './support/plan-page.js';
import { IsNull } from 'typeorm';
import { Plan } from '../src/plans/entities/plan.entity.js';
import { Task } from '../src/tasks/entities/task.entity.js';
import { DEMO_PASSWORD, startApp, TestApp } from './support/app.js';

/**
 * The page opened from another PC of the commune's office network over plain
 * HTTP, the usual install (no TLS). Chromium runs in a network namespace of its
 * own, joined to this machine by a veth pair (scripts/lib/services.sh,
 * ensure_lan_host): a separate host that reaches the server only at the
 * server's address on that link, never through loopback, where browsers
 * relax their rules. It signs in through the form, sees the plan and assigns
 * a task, and no request of the page is rewritten to https.
 */
const HOST = process.env.LAN_HOST_ADDRESS;
const PEER = process.env.LAN_PEER_ADDRESS;
const BROWSER = process.env.LAN_CHROMIUM_PATH;
if (process.env.CI && !(HOST && PEER && BROWSER)) {
  throw new Error('LAN_HOST_ADDRESS, LAN_PEER_ADDRESS, LAN_CHROMIUM_PATH are unset: scripts/test.sh (ensure_lan_host) sets them up as root');
}
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const tid = (id: string) => `[data-testid="${id}"]`;

(HOST && PEER && BROWSER ? describe : describe.skip)('the page from another PC of the office network, over plain HTTP', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let plans: { id: number }[] = [];
  const plan = () => plans[0];
  const peers = new Set<string>();
  const requested: string[] = [];
  const failed: string[] = [];

  beforeAll(async () => {
    t = await startApp({ demo: true });
    const server = t.app.getHttpServer();
    server.on('connection', (s: Socket) => peers.add(String(s.remoteAddress)));
    await t.app.listen(0, HOST!);
    base = `http://${HOST}:${(server.address() as AddressInfo).port}/`;
    // read from the database, not the API: the test's own client would connect from this host, not the other one
    plans = await t.db.getRepository(Plan).find({ order: { id: 'ASC' } });
    browser = await chromium.launch({ executablePath: BROWSER, headless: true, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page.setDefaultTimeout(15_000);
    page.on('request', (r) => requested.push(r.url()));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is served without asking the browser to upgrade to https', async () => {
    const res = (await page.goto(base))!;
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expect(headers['content-security-policy']).toBeDefined();
    expect(headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it('signs the chairman in through the form and shows the plan', async () => {
    await page.locator(tid('login-form')).waitFor();
    await page.fill(tid('login-username'), 'chutich');
    await page.fill(tid('login-password'), DEMO_PASSWORD);
    // the answer to the sign-in, or why there was none (an https rewrite fails here)
    const outcome = new Promise<string>((resolve) => {
      page.on('response', (r) => { if (r.url().includes('/api/auth/login')) resolve(`${r.status()} ${r.url()}`); });
      page.on('requestfailed', (r) => { if (r.url().includes('/api/auth/login')) resolve(`${r.failure()?.errorText} ${r.url()}`); });
    });
    await page.click(tid('login-submit'));
    expect(await outcome).toBe(`200 ${base}api/auth/login`);
    await page.waitForFunction(() => ((globalThis as any).document.querySelector('[data-testid="summary"]')?.textContent ?? '').startsWith('đã hoàn thành'));
    expect(((await page.locator(tid('summary')).textContent()) ?? '').trim()).toMatch(/^đã hoàn thành 0\/34 nhiệm vụ/);
    expect(((await page.locator(tid('user-name')).textContent()) ?? '').trim()).toBe('Lê Văn Thắng');
    // the plan, through the menu, without reloading the page
    await page.click(tid('nav-plans'));
    await page.click(tid('plan-link'));
    await allPlanRows(page);
    // the cookie is kept over plain HTTP: not marked Secure
    const cookie = (await page.context().cookies()).find((c) => c.name === 'cchc_token');
    expect(cookie).toMatchObject({ httpOnly: true, secure: false });
  });

  it('sends a change with the cookie and its anti-forgery token', async () => {
    const unassigned = await t.db.getRepository(Task).findOneOrFail({ where: { planId: plan().id, assigneeId: IsNull(), status: 'open' }, order: { id: 'ASC' } });
    const first = { taskId: unassigned.id };
    await page.goto(`${base}nhiem-vu/${first.taskId}`);
    const form = page.locator(tid('assign-form'));
    await form.waitFor();
    const option = await form.locator(`${tid('assign-select')} option[value]:not([value=""])`).first().getAttribute('value');
    await form.locator(tid('assign-select')).selectOption(option!);
    const sent = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith(`/api/tasks/${first.taskId}`));
    await form.locator(tid('assign-button')).click();
    const headers = (await sent).headers();
    expect(headers['x-csrf-token']).toBeTruthy();
    await page.waitForFunction((id) => (globalThis as any).document.querySelector(`[data-testid="task"][data-task-id="${id}"] [data-testid="task-assignee"]`)?.textContent !== 'Chưa giao', first.taskId);
    // (the test's own API client would come from this host: the database tells instead)
    expect((await t.db.getRepository(Task).findOneByOrFail({ id: Number(first.taskId) })).assigneeId).toBe(Number(option));
  });

  it('made every request over plain HTTP to the server, from the other host', () => {
    expect(failed).toEqual([]);
    expect(requested.length).toBeGreaterThan(3);
    expect(requested.filter((u) => !u.startsWith(base))).toEqual([]);
    expect([...peers]).toEqual([PEER]);
  });
});
