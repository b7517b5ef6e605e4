import type { Browser, Page } from 'playwright-core';
import { VIEW_PATHS } from '../../src/common/web-paths.js';
import { demoDocx } from '../support/plan-documents.js';
import { auditPage, expectNoProblems } from './support/audit.js';
import { BOTH_SCREENS, launchBrowser, screenshot, takeRefused, watch, type Screen, type Watch } from './support/browser.js';
import { startBrowserServer, type BrowserServer } from './support/server.js';

/**
 * The chairman loads a plan from the commune's Word file through the page, at
 * 1366 px and at 360 px: picks the .docx of the whole Hoằng Tiến plan, sees
 * its preview with the problems beside their cells, is refused (in
 * Vietnamese) while the number clashes with the demo plan, renames it, drops
 * a row, confirms, and lands on the new plan with one task fewer. What the
 * page shows is checked against the API's answers; each screen is audited.
 */
describe('importing a plan from a file at 1366 and 360 px', () => {
  let s: BrowserServer;
  let browser: Browser;
  const tid = (id: string) => `[data-testid="${id}"]`;

  beforeAll(async () => {
    s = await startBrowserServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  /** The refusals the flow provokes on purpose are the browser's only complaints: taken off the watch once checked. */
  const expectRefused = (w: Watch, status: number, path: RegExp) => expect(takeRefused(w, status, path)).toBe(1);
  const finish = async (name: string, page: Page, w: Watch, screen: Screen) => {
    await screenshot(page, name, screen);
    expectNoProblems(`${name} (${screen.width} px)`, await auditPage(page, { screen, watch: w }));
  };

  for (const screen of BOTH_SCREENS) {
    it(`the chairman uploads the Word plan, drops a row and saves it at ${screen.width} px`, async () => {
      const chairman = await s.api('chairman');
      const plansBefore = (await chairman.get('/api/plans').expect(200)).body.length;
      const context = await s.contextAs(browser, 'chairman', screen);
      const page = await context.newPage();
      const w = watch(page);
      try {
        // the entry on the plans' list leads to the view
        await page.goto(new URL(VIEW_PATHS.plans, s.base).toString());
        await page.click(tid('import-link'));
        await page.waitForURL(new RegExp(`${VIEW_PATHS.importPlan}$`));
        await page.locator(tid('import-pick')).waitFor();
        expect(await page.locator(tid('import-template')).getAttribute('href')).toBe('/api/plans/import/template.xlsx');

        // nothing chosen: said beside the field, nothing sent
        await page.click(tid('import-upload'));
        expect(await page.locator(tid('error-file')).textContent()).toContain('Hãy chọn tệp kế hoạch');

        // not a plan file: the server's reason, in Vietnamese
        await page.setInputFiles(tid('import-file'), { name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải kế hoạch') });
        await page.click(tid('import-upload'));
        await page.locator(tid('form-error')).waitFor();
        const refused = (await page.locator(tid('error-file')).textContent()) ?? '';
        expect(refused).toContain('Tệp không phải Word (.docx, .doc), Excel (.xlsx) hoặc CSV');
        expectRefused(w, 400, /\/api\/plans\/import\)$/);

        await page.setInputFiles(tid('import-file'), { name: 'Kế hoạch CCHC 2023.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(demoDocx()) });
        expect(await page.locator(tid('import-file-name')).textContent()).toBe('Kế hoạch CCHC 2023.docx');
        const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/plans/import' && r.ok());
        await page.click(tid('import-upload'));
        const preview = (await (await answered).json()).preview as {
          fields: { field: string; label: string }[];
          problems: { key: string | null; field: string | null }[];
        };
        await page.locator(tid('import-preview')).waitFor();
        expect(await page.locator(tid('import-row')).count()).toBe(34);
        // the columns are the ones the preview names, with its titles
        expect(preview.fields.map((f) => f.label)).toEqual(['TT', 'Nội dung thực hiện', 'Sản phẩm/Kết quả', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành']);
        const heads = await page.locator(`${tid('import-phu-luc')}[data-phu-luc="1"] thead th`).allTextContents();
        expect(heads.slice(0, preview.fields.length)).toEqual(preview.fields.map((f) => f.label));
        // every problem of a row sits beside the cell of the field the preview names (the content cell when it names none)
        const beside = await page.locator(tid('import-cell-problem')).evaluateAll((cells) => cells.map((c) => ({
          key: c.closest('[data-testid="import-row"]')?.getAttribute('data-key'), field: c.getAttribute('data-field'),
        })));
        const expected = preview.problems.filter((x) => x.key).map((x) => ({ key: x.key, field: x.field ?? 'content' }));
        const order = (a: { key?: string | null; field: string | null }) => `${a.key} ${a.field}`;
        expect([...new Set(beside.map(order))].sort()).toEqual([...new Set(expected.map(order))].sort());
        expect(expected.some((x) => x.field === 'leadText') && expected.some((x) => x.field === 'deadlineText')).toBe(true);
        expect(await page.locator(tid('import-phu-luc')).count()).toBe(7);
        expect(await page.locator(tid('import-number')).inputValue()).toBe('08/KH-UBND');
        // the summary counts the warnings; the deadline of PL01 row 1 is flagged beside its cell
        const summary = (await page.locator(tid('import-summary')).textContent()) ?? '';
        expect(summary).toMatch(/Không có lỗi; \d+ cảnh báo cần xem lại\./);
        const first = page.locator(`${tid('import-phu-luc')}[data-phu-luc="1"] ${tid('import-row')}`).first();
        expect(Number(await first.getAttribute('data-problems'))).toBeGreaterThan(0);
        const flagged = first.locator(`${tid('import-cell-problem')}[data-field="deadlineText"]`);
        expect(await flagged.count()).toBe(1);
        expect(await flagged.textContent()).toContain('Cần xem lại');
        await finish('nhap-ke-hoach-xem-truoc', page, w, screen);

        // the demo plan already has number 08/KH-UBND: refused whole, in Vietnamese, nothing saved
        await page.click(tid('import-confirm'));
        expect(await page.locator(`${tid('import-confirm-form')} ${tid('form-error')}`).textContent()).toContain('08/KH-UBND');
        expect((await chairman.get('/api/plans').expect(200)).body.length).toBe(plansBefore);
        expectRefused(w, 409, /\/api\/plans\/import\/[\w-]+\/confirm\)$/);

        // another number, the last row of Phụ lục 07 dropped and one cell corrected
        const number = `08/KH-UBND-${screen.width}`;
        await page.fill(tid('import-number'), number);
        const last = page.locator(`${tid('import-phu-luc')}[data-phu-luc="7"] ${tid('import-row')}`).last();
        await last.locator(tid('import-drop')).click();
        expect(await last.getAttribute('class')).toContain('dropped');
        await first.locator(tid('import-edit')).click();
        await page.fill(tid('import-fix-deadlineText'), 'Trước ngày 30/6/2023');
        await page.click(tid('import-fix-save'));
        await first.locator(tid('import-corrected')).waitFor();
        expect(await page.locator(tid('import-summary')).textContent()).toContain('Đã bỏ 1 dòng.');

        await page.click(tid('import-confirm'));
        await page.waitForURL(/\/ke-hoach\/\d+$/);
        const planId = Number(new URL(page.url()).pathname.split('/').pop());
        await page.locator(tid('plan-header')).waitFor();
        expect(await page.locator(tid('plan-number-text')).textContent()).toBe(number);
        // the plan's rows come a page at a time: the first, then the rest on "Xem thêm"
        await page.locator(tid('plan-shown')).filter({ hasText: 'trên 33 nhiệm vụ.' }).waitFor();
        await page.click(tid('plan-show-more'));
        await page.locator(tid('task-row')).nth(32).waitFor();
        expect(await page.locator(tid('task-row')).count()).toBe(33);
        const plan = (await chairman.get(`/api/plans/${planId}`).expect(200)).body;
        expect(plan).toMatchObject({ number, year: 2023, status: 'draft', taskCount: 33 });
        expect(plan.phuLucs[0].tasks[0]).toMatchObject({ deadlineText: 'Trước ngày 30/6/2023', schedule: { dueDates: ['2023-06-30'] } });
        expect((await chairman.get('/api/plans').expect(200)).body.length).toBe(plansBefore + 1);
        await finish('nhap-ke-hoach-da-luu', page, w, screen);
      } finally {
        await context.close();
      }
    });
  }
});
