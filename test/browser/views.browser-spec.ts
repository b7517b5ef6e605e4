import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, startApp, type TestApp } from '../support/app.js';
import { auditPage, expectNoProblems } from './support/audit.js';
import { BOTH_SCREENS, DEMO_ACCOUNTS, launchBrowser, loadMeasured, newContext, screenshot, signInContext } from './support/browser.js';

/**
 * The plan-tracking views (Tổng quan, Kế hoạch, Nhiệm vụ, Việc của tôi, Thông
 * báo), opened cold by the roles that use them on an office PC and on a
 * phone, against the real server and the Hoằng Tiến 2023 demo plan: each one
 * light, within the screen, accessible, Vietnamese only, without script
 * errors; a screenshot of each.
 */
describe('the plan-tracking views', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let planId: number;
  let taskId: number;
  let ownTaskId: number;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/`;
    const plans = (await t.http.get('/api/plans').expect(200)).body;
    planId = plans[0].id;
    const plan = (await t.http.get(`/api/plans/${planId}`).expect(200)).body;
    const tasks = plan.phuLucs.flatMap((p: { tasks: { id: number; assigneeId: number | null }[] }) => p.tasks);
    taskId = tasks[0].id;
    const official = await t.login(DEMO_ACCOUNTS.official, DEMO_PASSWORD);
    ownTaskId = tasks.find((x: { assigneeId: number | null }) => x.assigneeId === official.me.officialId).id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const views = (): [string, keyof typeof DEMO_ACCOUNTS, string][] => [
    ['overview', 'chairman', '/tong-quan'],
    ['plan', 'chairman', `/ke-hoach/${planId}`],
    ['plans', 'chairman', '/ke-hoach'],
    ['task', 'chairman', `/nhiem-vu/${taskId}`],
    ['my-tasks', 'official', '/viec-cua-toi'],
    ['task-official', 'official', `/nhiem-vu/${ownTaskId}`],
    ['notifications', 'official', '/thong-bao'],
    ['overview-viewer', 'viewer', '/tong-quan'],
  ];

  for (const screen of BOTH_SCREENS) {
    it(`opens every view within the rules on the ${screen.name}`, async () => {
      const problems: string[] = [];
      for (const [name, role, path] of views()) {
        const context = await newContext(browser, screen);
        try {
          await signInContext(context, base, DEMO_ACCOUNTS[role], DEMO_PASSWORD);
          const { page, watch, weight } = await loadMeasured(context, base, path);
          await page.locator('main h1').first().waitFor();
          await page.waitForFunction(() => !(globalThis as any).document.querySelector('main .loading'));
          await screenshot(page, name, screen);
          problems.push(...(await auditPage(page, { screen, watch, weight })).map((p) => `${name} (${path}): ${p}`));
          process.stderr.write(`${name} ${screen.name}: ${weight.bytes} B, script ${weight.scriptGzipBytes} B nén\n`);
        } finally {
          await context.close();
        }
      }
      expectNoProblems(`các màn hình trên ${screen.name}`, problems);
    }, 180_000);
  }
});
