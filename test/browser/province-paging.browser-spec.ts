import { appendFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { VIEW_PATHS } from '../../src/common/web-paths.js';
import { seedCommunes, seedPeople } from '../support/scale.js';
import { auditPage, expectNoProblems, LIMITS } from './support/audit.js';
import { BOTH_SCREENS, launchBrowser, loadMeasured, screenshot, type Screen } from './support/browser.js';
import { startBrowserServer, type BrowserServer } from './support/server.js';
import { VIEWS, waitForView } from './support/views.js';

/**
 * Province scale a page at a time. Beneath the demo viewer's district, 300
 * more communes each with an issued 2023 plan and a few completions, written
 * straight into the tables; a commune of 1,000 officials with their accounts;
 * 150 more officials in the demo commune. Cấp trên, Quản trị and Đơn vị open
 * cold under 100,000 bytes at 1366 and 360 px because each shows the first
 * page the server sends; sorting, "Xem thêm" and the search are answered by
 * the server; nothing is wider than the screen.
 */
describe('province scale a page at a time (300 communes, 1,000 officials) at 1366 and 360 px', () => {
  let s: BrowserServer;
  let browser: Browser;
  let district: number;
  let big: number;
  const COMMUNES = 300;
  const PEOPLE = 1000;
  const tid = (id: string) => `[data-testid="${id}"]`;

  beforeAll(async () => {
    s = await startBrowserServer();
    browser = await launchBrowser();
    district = (await s.api('viewer')).me.unitId!;
    await seedCommunes(s.t.db, district, COMMUNES, { tasks: (i) => 10 + (i % 25), done: (i) => i % 13 });
    const admin = await s.api('admin');
    big = (await admin.post('/api/units').send({ name: 'UBND xã Quảng Lớn', parentId: district }).expect(201)).body.id;
    await seedPeople(s.t.db, big, PEOPLE, 'canbo');
    const chairman = await s.api('chairman');
    await seedPeople(s.t.db, chairman.me.unitId!, 150, 'hoangtien.cb');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  /** Opens cold, checks the weight and every rule of the page, saves the screenshot. */
  async function openCold(role: 'viewer' | 'admin' | 'chairman', view: string, path: string, screen: Screen, ready: (page: Page) => Promise<void>) {
    const context = await s.contextAs(browser, role, screen);
    const { page, watch, weight } = await loadMeasured(context, s.base, path);
    await waitForView(page, VIEWS.find((v) => v.name === view)!);
    await ready(page);
    if (process.env.VIEW_WEIGHTS) appendFileSync(process.env.VIEW_WEIGHTS, `${view}-tinh\t${role}\t${screen.width}\t${weight.bytes}\t${weight.scriptGzipBytes}\n`);
    // eslint-disable-next-line no-console
    console.log(`${view} ${role} ${screen.width} px: ${weight.bytes} B cold; largest: ${[...weight.responses].sort((a, b) => b.bytes - a.bytes).slice(0, 6).map((r) => `${r.url} ${r.bytes} B`).join(', ')}`);
    expect(weight.bytes).toBeLessThan(LIMITS.coldLoadBytes);
    await screenshot(page, `${view}-tinh`, screen);
    expectNoProblems(`${view} ở quy mô tỉnh (${screen.width} px)`, await auditPage(page, { screen, watch, weight }));
    return { page, context, watch };
  }
  const texts = (page: Page, sel: string) => page.locator(sel).evaluateAll((els) => els.map((e: any) => (e.textContent ?? '').trim()));
  const idle = (page: Page) => page.waitForFunction(() => !(globalThis as any).document.querySelector('[aria-busy="true"]'));

  for (const screen of BOTH_SCREENS) {
    it(`Cấp trên: the first 50 of ${COMMUNES + 2} communes, the total over all, sorted and searched by the server at ${screen.width} px`, async () => {
      const viewer = await s.api('viewer');
      const api = async (q: string) => (await viewer.get(`/api/units/${district}/progress?year=2023&asOf=2023-12-31&${q}`).expect(200)).body;
      const all = await api('limit=1');
      // the demo commune, the 300, and the commune of a thousand officials
      expect(all.unitCount).toBe(COMMUNES + 2);
      const { page, context } = await openCold('viewer', 'cap-tren', VIEW_PATHS.rollup, screen, async (p) => { await p.locator(tid('rollup-row')).first().waitFor(); });
      try {
        const rows = page.locator(tid('rollup-row'));
        expect(await rows.count()).toBe(50);
        expect(await page.locator(tid('rollup-shown')).textContent()).toBe(`Đang hiện 50 trên ${COMMUNES + 2} đơn vị.`);
        // the total is over every commune, not the page
        expect(await page.locator(tid('rollup-total')).textContent()).toContain(all.total.summary);
        expect((await page.locator(`${tid('rollup-total-row')} td`).first().textContent())!.trim()).toBe(all.total.ratio);
        // highest percentage first, as the server orders them
        const first = await api('limit=50');
        expect(await rows.evaluateAll((els) => els.map((e: any) => Number(e.dataset.unitId)))).toEqual(first.units.map((u: { unitId: number }) => u.unitId));

        // by name, then the next page
        await page.selectOption(tid('rollup-sort'), 'name-tang');
        const byName = await api('sort=name&dir=asc&limit=100');
        await page.waitForFunction(([sel, name]) => ((globalThis as any).document.querySelector(sel)?.textContent ?? '').includes(name), [tid('rollup-row'), byName.units[0].name] as const);
        await idle(page);
        expect(await texts(page, `${tid('rollup-row')} b`)).toEqual(byName.units.slice(0, 50).map((u: { name: string }) => u.name));
        await page.click(tid('rollup-show-more'));
        await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="rollup-row"]').length > n, 50);
        expect(await texts(page, `${tid('rollup-row')} b`)).toEqual(byName.units.map((u: { name: string }) => u.name));
        expect(await page.locator(tid('rollup-shown')).textContent()).toBe(`Đang hiện 100 trên ${COMMUNES + 2} đơn vị.`);

        // words without accents find the commune; the total stays over all
        await page.fill(tid('rollup-search'), 'dong son 2');
        const found = await api('sort=name&dir=asc&q=dong%20son%202');
        expect(found.matched).toBeGreaterThan(0);
        await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="rollup-row"]').length === n, found.units.length);
        expect(await texts(page, `${tid('rollup-row')} b`)).toEqual(found.units.map((u: { name: string }) => u.name));
        expect(await page.locator(tid('rollup-total')).textContent()).toContain(all.total.summary);
        expect(await page.locator(tid('rollup-show-more')).count()).toBe(0);
        await screenshot(page, 'cap-tren-tinh-tim', screen);
      } finally {
        await context.close();
      }
    });

    it(`Quản trị: units, and a commune's 1,000 officials and accounts, a page at a time at ${screen.width} px`, async () => {
      const admin = await s.api('admin');
      const units = (await admin.get('/api/units/page?limit=100').expect(200)).body;
      expect(units.total).toBeGreaterThan(COMMUNES);
      const { page, context } = await openCold('admin', 'quan-tri', `${VIEW_PATHS.admin}?don-vi=${big}`, screen, async (p) => {
        await p.locator(`${tid('units')} tbody tr`).first().waitFor();
        await p.locator(`${tid('officials')} tbody tr`).first().waitFor();
        await p.locator(`${tid('accounts')} tbody tr`).first().waitFor();
      });
      try {
        expect(await page.locator(`${tid('units')} tbody tr`).count()).toBe(15);
        expect(await page.locator(tid('units-shown')).textContent()).toBe(`Đang hiện 15 trên ${units.total} đơn vị.`);
        expect(await texts(page, `${tid('units')} ${tid('unit-open')}`)).toEqual(units.items.slice(0, 15).map((u: { name: string }) => u.name));
        expect(await page.locator(`${tid('officials')} tbody tr`).count()).toBe(15);
        expect(await page.locator(tid('officials-shown')).textContent()).toBe('Đang hiện 15 trên 1.000 cán bộ.');
        expect(await page.locator(tid('accounts-shown')).textContent()).toBe('Đang hiện 15 trên 1.000 tài khoản.');
        // each official shown with the account the server gives for them
        const firstOfficial = await page.locator(`${tid('officials')} tbody tr`).first().getAttribute('data-official-id');
        const account = (await admin.get(`/api/users/page?unitId=${big}&officialIds=${firstOfficial}`).expect(200)).body.items[0];
        expect(await page.locator(`${tid('officials')} tbody tr`).first().locator('code').filter({ hasText: new RegExp(`^${account.username}$`) }).count()).toBe(1);

        // units Z to A, then the next page
        await page.selectOption(tid('units-sort'), 'name-desc');
        const desc = (await admin.get('/api/units/page?dir=desc&limit=100').expect(200)).body;
        await page.waitForFunction(([sel, name]) => ((globalThis as any).document.querySelector(sel)?.textContent ?? '').trim() === name, [`${tid('units')} ${tid('unit-open')}`, desc.items[0].name] as const);
        await idle(page);
        await page.click(tid('units-show-more'));
        await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="units"] tbody tr').length > n, 15);
        expect(await texts(page, `${tid('units')} ${tid('unit-open')}`)).toEqual(desc.items.slice(0, 65).map((u: { name: string }) => u.name));

        // more officials; an account found by its official's name without accents
        await page.click(tid('officials-show-more'));
        await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="officials"] tbody tr').length > n, 15);
        expect(await page.locator(tid('officials-shown')).textContent()).toBe('Đang hiện 65 trên 1.000 cán bộ.');
        await page.fill(tid('accounts-search'), 'canbo999');
        await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('[data-testid="accounts"] tbody tr').length === 1);
        expect(await texts(page, `${tid('accounts')} tbody tr code`)).toEqual(['canbo999']);
        expect(await page.locator(tid('accounts-total')).textContent()).toBe('1 tài khoản khớp “canbo999”.');
        await screenshot(page, 'quan-tri-tinh-tim', screen);
      } finally {
        await context.close();
      }
    });

    it(`Đơn vị: the demo commune with 150 more officials and accounts a page at a time at ${screen.width} px`, async () => {
      const chairman = await s.api('chairman');
      const officials = (await chairman.get(`/api/officials/page?unitId=${chairman.me.unitId}&limit=1`).expect(200)).body;
      expect(officials.total).toBeGreaterThan(150);
      const { page, context } = await openCold('chairman', 'don-vi', VIEW_PATHS.unit, screen, async (p) => {
        await p.locator(`${tid('officials')} tbody tr`).first().waitFor();
        await p.locator(`${tid('accounts')} tbody tr`).first().waitFor();
      });
      try {
        expect(await page.locator(`${tid('officials')} tbody tr`).count()).toBe(15);
        expect(await page.locator(tid('officials-shown')).textContent()).toBe(`Đang hiện 15 trên ${officials.total} cán bộ.`);
        await page.fill(tid('officials-search'), 'hoangtien.cb150@');
        await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('[data-testid="officials"] tbody tr').length === 1);
        expect(await page.locator(tid('officials-more')).count()).toBe(0);
        const shown = await page.locator(`${tid('officials')} tbody tr`).first().getAttribute('data-official-id');
        const want = (await chairman.get(`/api/officials/page?unitId=${chairman.me.unitId}&q=hoangtien.cb150@`).expect(200)).body;
        expect(want.items.map((o: { id: number }) => String(o.id))).toEqual([shown]);
      } finally {
        await context.close();
      }
    });
  }
});
