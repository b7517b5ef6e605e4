import { appendFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { auditPage, expectNoProblems } from './support/audit.js';
import { BOTH_SCREENS, launchBrowser, loadMeasured, newContext, screenshot, type DemoRole, type Screen } from './support/browser.js';
import { demoIds, startBrowserServer, type BrowserServer } from './support/server.js';
import { VIEW_PATHS } from '../../src/common/web-paths.js';
import { VIEWS, waitForView, type ViewIds } from './support/views.js';

/**
 * Every view, for every role that may open it, on the office PC (1366×768)
 * and on the phone (360×740): opened cold at its own address in a signed-in
 * browser, audited (weight, width, controls, touch targets, axe-core, errors,
 * English and raw codes) and photographed into SCREENSHOT_DIR.
 */
describe('every view at 1366 and 360 px', () => {
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

  const openCold = async (role: DemoRole | null, path: string, screen: Screen) => {
    const context = role ? await s.contextAs(browser, role, screen) : await newContext(browser, screen);
    const opened = await loadMeasured(context, s.base, path);
    return { context, ...opened };
  };

  const check = async (name: string, role: DemoRole | null, path: string, screen: Screen, ready: (p: Page) => Promise<void>) => {
    const { context, page, watch, weight } = await openCold(role, path, screen);
    // VIEW_WEIGHTS=<file>: each cold load's bytes appended there, one line a view (read by whoever measures)
    if (process.env.VIEW_WEIGHTS) appendFileSync(process.env.VIEW_WEIGHTS, `${name}\t${role ?? '-'}\t${screen.width}\t${weight.bytes}\t${weight.scriptGzipBytes}\n`);
    try {
      await ready(page);
      await screenshot(page, role ? `${name}-${role}` : name, screen);
      expectNoProblems(`${name} (${role ?? 'chưa đăng nhập'}, ${screen.width} px)`, await auditPage(page, { screen, watch, weight }));
    } finally {
      await context.close();
    }
  };

  for (const screen of BOTH_SCREENS) {
    it(`the sign-in page at ${screen.width} px`, async () => {
      await check('dang-nhap', null, VIEW_PATHS.signIn, screen, async (p) => { await p.locator('input[type="password"]:visible').first().waitFor(); });
    });
    for (const view of VIEWS) {
      for (const role of view.roles) {
        it(`${view.title} as ${role} at ${screen.width} px`, async () => {
          await check(view.name, role, view.path(ids), screen, (p) => waitForView(p, view));
        });
      }
    }
  }
});
