import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, SCREENS, newContext, signInContext, type DemoRole, type Screen } from './support/browser.js';
import { credentials, demoIds, startBrowserServer, type BrowserServer } from './support/server.js';
import { VIEWS, waitForView, type ViewIds } from './support/views.js';

/**
 * The README's pictures (run by `npm run screenshots`, never by `npm test`):
 * the chairman's dashboard, plan and a task on the office PC, the reporter's
 * report, and an official's own tasks on the phone, from the demo plan.
 */
const OUT = process.env.SCREENSHOTS_OUT ?? 'docs/screenshots';

describe('README screenshots', () => {
  let s: BrowserServer;
  let browser: Browser;
  let ids: ViewIds;

  beforeAll(async () => {
    s = await startBrowserServer();
    browser = await launchBrowser();
    ids = await demoIds(s);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  const shoot = async (file: string, viewName: string, role: DemoRole, screen: Screen, then?: (p: Page) => Promise<void>) => {
    const view = VIEWS.find((v) => v.name === viewName)!;
    const context = await newContext(browser, screen, { deviceScaleFactor: screen.mobile ? 2 : 1 });
    const { username, password } = credentials(role);
    await signInContext(context, s.base, username, password);
    const page = await context.newPage();
    await page.goto(new URL(view.path(ids), s.base).toString(), { waitUntil: 'networkidle' });
    await waitForView(page, view);
    await then?.(page);
    await page.screenshot({ path: join(OUT, `${file}.png`), fullPage: false });
    await context.close();
  };

  it('dashboard', () => shoot('dashboard', 'tong-quan', 'chairman', SCREENS.desktop));
  it('plan', () => shoot('plan', 'ke-hoach', 'chairman', SCREENS.desktop));
  it('task', () => shoot('task', 'nhiem-vu', 'chairman', SCREENS.desktop));
  it('report', () => shoot('report', 'bao-cao', 'reporter', SCREENS.desktop, async (p) => {
    await p.goto(new URL(`${VIEWS.find((v) => v.name === 'bao-cao')!.path(ids)}?ky=Q2&nam=2023`, s.base).toString());
    await p.click('[data-testid="report-preview"]');
    await p.locator('[data-testid="report-summary"]').waitFor();
    await p.locator('[data-testid="report-summary"]').scrollIntoViewIfNeeded();
  }));
  it('phone', () => shoot('phone', 'viec-cua-toi', 'official', SCREENS.phone));
});
