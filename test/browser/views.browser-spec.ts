import { appendFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { auditPage, expectNoProblems } from './support/audit.js';
import { BOTH_SCREENS, launchBrowser, loadMeasured, newContext, screenshot, type DemoRole, type Screen } from './support/browser.js';
import { demoIds, startBrowserServer, type BrowserServer } from './support/server.js';
import { VIEW_PATHS } from '../../src/common/web-paths.js';
import { VIEWS, waitForView, type ViewIds } from './support/views.js';
import { startZns } from '../support/zns.js';

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
  let zns: Awaited<ReturnType<typeof startZns>>;

  beforeAll(async () => {
    // Quản trị's Kênh Zalo shows a district's own OA, its quota read from a local fake of Zalo's hosts
    zns = await startZns({ dailyQuota: 5000 });
    s = await startBrowserServer({ env: { ZALO_OAUTH_URL: zns.url, ZALO_API_URL: zns.url } });
    browser = await launchBrowser();
    ids = await demoIds(s);
    const admin = await s.api('admin');
    const district = (await admin.get('/api/units').expect(200)).body.find((u: { name: string }) => u.name === 'UBND huyện Hoằng Hóa');
    await admin.put(`/api/zalo/units/${district.id}`).send({ appId: zns.appId, secretKey: zns.secretKey, refreshToken: 'refresh-0', templateDue: '201001', mode: 'development' }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    await zns?.close();
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
          await check(view.name, role, view.path(ids), screen, async (p) => {
            await waitForView(p, view);
            if (view.name === 'quan-tri') {
              // the Zalo section is drawn with the district's OA, up, its quota in Vietnamese numbers
              const row = p.locator('[data-testid="zalo-accounts"] [data-scope^="unit:"]');
              await row.waitFor();
              expect(await row.locator('[data-testid="zalo-state"]').textContent()).toBe('Đang gửi');
              expect(await row.locator('[data-testid="zalo-quota"]').textContent()).toMatch(/^Còn 5\.000\/5\.000 tin \(ngày \d{2}\/\d{2}\/\d{4}\)$/);
              expect(await row.textContent()).toContain('UBND huyện Hoằng Hóa');
            }
          });
        });
      }
    }
  }
});
