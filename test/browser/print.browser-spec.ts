import type { Page } from 'playwright-core';
import { planPath, VIEW_PATHS } from '../../src/common/web-paths.js';
import { SCREENS, screenshot, watch, type Screen } from './support/browser.js';
import { browserTier, demoIds } from './support/server.js';

/**
 * Kế hoạch and Báo cáo printed: with print media emulated on a sheet of A4
 * (210 mm less Chromium's default margins of 0.4 in a side, at 96 px an inch:
 * 718 px), no menu, button, form or folded-away panel is printed, every table
 * and all the text lie within the sheet's width, the tables' text is at least
 * 9 pt, and the lists a screen folds away are printed whole. Chromium's own
 * PDF of the page comes out on A4.
 */
const A4_PRINTABLE_PX = Math.floor(((210 / 25.4) - 0.8) * 96);
const PRINT_SHEET: Screen = { name: 'desktop', width: A4_PRINTABLE_PX, height: 1000, mobile: false };

interface Printed {
  scrollWidth: number;
  /** controls and navigation still shown */
  shown: string[];
  /** elements beyond the sheet's right edge */
  beyond: string[];
  /** table cells whose text is smaller than 9 pt */
  tiny: string[];
  tables: number;
  /** rows of the tables that are printed */
  rows: number;
  /** rows of the tables, printed or not */
  allRows: number;
  /** words split over two lines in the tables */
  broken?: string[];
}

/** Runs in the page: what printing it would show (this project compiles without the DOM library, hence the `any`). */
function measurePrint(width: number): Printed {
  const g: any = globalThis;
  const doc = g.document;
  const seen = (el: any) => {
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, contentVisibilityAuto: true });
  };
  const name = (el: any) => `<${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? ` ${el.getAttribute('data-testid')}` : ''}> "${(el.innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
  // a summary printed is a folded panel's title without its content, unless the content is printed too
  const folded = (el: any) => el.tagName !== 'SUMMARY' || ![...el.parentElement.children].some((c: any) => c !== el && seen(c));
  const shown = [...doc.querySelectorAll('nav, .menu, button, input, select, textarea, form, summary, a.btn, .skip')].filter((el) => seen(el) && folded(el)).map(name);
  const beyond = [...doc.body.querySelectorAll('*')].filter((el: any) => seen(el) && el.getBoundingClientRect().right > width + 0.5).map(name);
  const cells = [...doc.querySelectorAll('table td, table th')].filter(seen);
  const tiny = cells.filter((el: any) => parseFloat(g.getComputedStyle(el).fontSize) < 12).map(name);
  const rows = [...doc.querySelectorAll('table tbody tr')];
  return {
    scrollWidth: doc.documentElement.scrollWidth, shown, beyond, tiny,
    tables: [...doc.querySelectorAll('table')].filter(seen).length, rows: rows.filter(seen).length, allRows: rows.length,
  };
}

/**
 * Runs in the page: the words of the tables' cells that are split over two
 * lines (a column squeezed narrower than its words), e.g. "Ngư|ời chủ trì".
 * A line may end after a hyphen or a slash ("59/2019/NĐ-|CP"); tokens longer
 * than 15 characters (addresses, long codes) may be broken anywhere.
 */
function brokenWords(): string[] {
  const g: any = globalThis;
  const doc = g.document;
  const out: string[] = [];
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const cell = n.parentElement?.closest('td, th');
    if (!cell || !cell.checkVisibility({ checkVisibilityCSS: true })) continue;
    for (const m of (n.nodeValue as string).matchAll(/[^\s/\-–]+/g)) {
      if (m[0].length > 15) continue;
      const r = doc.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const lines = new Set([...r.getClientRects()].filter((x: any) => x.width > 0).map((x: any) => Math.round(x.bottom)));
      if (lines.size > 1) out.push(`"${m[0]}" (${cell.getAttribute('data-label') ?? cell.tagName.toLowerCase()})`);
    }
  }
  return out;
}

describe('printing Kế hoạch and Báo cáo', () => {
  const tier = browserTier();

  /** The page as printed on A4: measured, photographed, and made into a PDF by Chromium. */
  const printed = async (page: Page, name: string) => {
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: PRINT_SHEET.width, height: PRINT_SHEET.height });
    const m = await page.evaluate(measurePrint, PRINT_SHEET.width);
    m.broken = await page.evaluate(brokenWords);
    await screenshot(page, `${name}-ban-in`, PRINT_SHEET);
    const pdf = await page.pdf({ format: 'A4' });
    return { m, pdf: pdf.toString('latin1') };
  };

  const expectPrintable = (m: Printed) => {
    expect(m.shown).toEqual([]);
    expect(m.beyond).toEqual([]);
    expect(m.scrollWidth).toBeLessThanOrEqual(PRINT_SHEET.width);
    expect(m.tiny).toEqual([]);
    expect(m.broken).toEqual([]);
    expect(m.tables).toBeGreaterThan(0);
    // nothing a screen folds away is left out of the paper
    expect(m.rows).toBe(m.allRows);
  };

  it('the plan, as the chairman prints it', async () => {
    const { s, browser } = tier;
    const ids = await demoIds(s);
    const context = await s.contextAs(browser, 'chairman', SCREENS.desktop);
    const page = await context.newPage();
    const w = watch(page);
    try {
      await page.goto(new URL(planPath(ids.planId), s.base).toString());
      await page.locator('[data-testid="phu-luc-section"]').first().waitFor();
      // on the screen: the menu, the filters and the edit buttons are there
      expect(await page.locator('.menu').isVisible()).toBe(true);
      expect(await page.locator('[data-testid="task-edit"]').first().isVisible()).toBe(true);
      // the dense tables read on the office PC's screen too: no word split over two lines
      await screenshot(page, 'ke-hoach-bang', SCREENS.desktop);
      expect(await page.evaluate(brokenWords)).toEqual([]);
      // "In kế hoạch" reads the rows the screen has not loaded yet (it shows them a page at a time), then prints
      const planned = (await (await s.api('chairman')).get(`/api/plans/${ids.planId}/tasks?offset=0&limit=1`).expect(200)).body.total as number;
      expect(await page.locator('[data-testid="phu-luc-section"] tbody tr').count()).toBeLessThan(planned);
      await page.evaluate('window.print = () => { window.printedRows = document.querySelectorAll("[data-testid=phu-luc-section] tbody tr").length; }');
      await page.click('[data-testid="plan-print"]');
      // polled through the DevTools protocol: waitForFunction's string would be eval'd, which the page's CSP refuses
      for (let i = 0; i < 150 && (await page.evaluate('window.printedRows')) === undefined; i++) await page.waitForTimeout(100);
      expect(await page.evaluate('window.printedRows')).toBe(planned);
      const { m, pdf } = await printed(page, 'ke-hoach');
      expectPrintable(m);
      expect(m.rows).toBe(planned);
      // every row is printed: the sheet carries no notice of a partial print
      expect(await page.locator('[data-testid="print-partial"]').count()).toBe(0);
      // every Phụ lục's table is printed, with the plan's header
      expect(m.tables).toBe(await page.locator('[data-testid="phu-luc-section"] table').count());
      expect(await page.locator('[data-testid="plan-header"]').isVisible()).toBe(true);
      expect(pdf.startsWith('%PDF-')).toBe(true);
      // A4 is 595 × 842 points
      expect(pdf).toMatch(/\/MediaBox \[0 0 59\d(\.\d+)? 84\d(\.\d+)?\]/);
      expect(w.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the plan printed with Ctrl+P or ⌘P is whole; printed from the menu while rows are unloaded, the sheet says so', async () => {
    const { s, browser } = tier;
    const ids = await demoIds(s);
    const planned = (await (await s.api('chairman')).get(`/api/plans/${ids.planId}/tasks?offset=0&limit=1`).expect(200)).body.total as number;
    const context = await s.contextAs(browser, 'chairman', SCREENS.desktop);
    const page = await context.newPage();
    const w = watch(page);
    const rowsNow = () => page.locator('[data-testid="phu-luc-section"] tbody tr').count();
    const notice = page.locator('[data-testid="print-partial"]');
    const open = async () => {
      await page.emulateMedia({ media: 'screen' });
      await page.goto(new URL(planPath(ids.planId), s.base).toString());
      await page.locator('[data-testid="plan-shown"]').waitFor();
      await page.evaluate('window.printedRows = undefined; window.print = () => { window.printedRows = document.querySelectorAll("[data-testid=phu-luc-section] tbody tr").length; }');
    };
    const printedRows = async () => {
      for (let i = 0; i < 150 && (await page.evaluate('window.printedRows')) === undefined; i++) await page.waitForTimeout(100);
      return page.evaluate('window.printedRows');
    };
    try {
      await open();
      const shown = await rowsNow();
      expect(shown).toBeLessThan(planned);
      // on the screen the notice is not shown
      expect(await notice.isVisible()).toBe(false);
      // printed from the browser's menu (print media), with only the first rows loaded: the notice heads the sheet
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: PRINT_SHEET.width, height: PRINT_SHEET.height });
      expect(await notice.isVisible()).toBe(true);
      expect(((await notice.textContent()) ?? '').replace(/\s+/g, ' ').trim()).toBe(
        `Bản in này chỉ gồm ${shown} trên ${planned} nhiệm vụ của kế hoạch. Để in cả kế hoạch, hãy bấm nút «In kế hoạch» trên trang.`,
      );
      // above the plan's header, the first thing on the sheet
      const noticeBox = await notice.boundingBox();
      const headerBox = await page.locator('[data-testid="plan-header"]').boundingBox();
      expect(noticeBox!.y + noticeBox!.height).toBeLessThanOrEqual(headerBox!.y);
      await screenshot(page, 'ke-hoach-in-mot-phan-ban-in', PRINT_SHEET);

      // Ctrl+P takes the path of "In kế hoạch": every row is read and drawn before printing
      await page.emulateMedia({ media: 'screen' });
      await page.locator('[data-testid="filter-search"]').focus();
      await page.keyboard.press('Control+P');
      expect(await printedRows()).toBe(planned);
      expect(await rowsNow()).toBe(planned);
      // all rows loaded: no notice on the sheet
      await page.emulateMedia({ media: 'print' });
      expect(await notice.count()).toBe(0);

      // ⌘P on a Mac does the same
      await open();
      expect(await rowsNow()).toBe(shown);
      await page.keyboard.press('Meta+P');
      expect(await printedRows()).toBe(planned);
      expect(w.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the report preview, as the reporter prints it', async () => {
    const { s, browser } = tier;
    const context = await s.contextAs(browser, 'reporter', SCREENS.desktop);
    const page = await context.newPage();
    const w = watch(page);
    try {
      await page.goto(new URL(`${VIEW_PATHS.reports}?ky=Q2&nam=2023`, s.base).toString());
      await page.click('[data-testid="report-preview"]');
      await page.locator('[data-testid="report-preview-body"]').waitFor();
      // on the screen the lists of tasks are folded away
      expect(await page.locator('details.lines table').first().isVisible()).toBe(false);
      const { m, pdf } = await printed(page, 'bao-cao');
      expectPrintable(m);
      expect(await page.locator('[data-testid="report-summary"]').isVisible()).toBe(true);
      expect(await page.locator('details.lines table').first().isVisible()).toBe(true);
      expect(pdf.startsWith('%PDF-')).toBe(true);
      expect(w.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
