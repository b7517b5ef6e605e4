import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { taskPath } from '../../src/common/web-paths.js';
import { auditPage, expectNoProblems } from './support/audit.js';
import { BOTH_SCREENS, launchBrowser, screenshot, takeRefused, watch } from './support/browser.js';
import { demoIds, startBrowserServer, type BrowserServer } from './support/server.js';
import type { ViewIds } from './support/views.js';

/** A one-page PDF, small but whole: what file-type recognises as application/pdf. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A Windows program renamed to look like a PDF. */
const RENAMED_EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(400, 0x41)]);

/**
 * The task page's evidence files (tài liệu kiểm chứng), at 1366 and 360 px:
 * the official who leads the task attaches a PDF, sees it listed and can
 * download it; a renamed program is refused beside the file field, in
 * Vietnamese; the file is removed again. A viewer of the unit sees the list
 * without the form.
 */
describe('evidence files on the task page', () => {
  let s: BrowserServer;
  let browser: Browser;
  let ids: ViewIds;
  let dir: string;
  const tid = (id: string) => `[data-testid="${id}"]`;

  beforeAll(async () => {
    s = await startBrowserServer();
    browser = await launchBrowser();
    ids = await demoIds(s);
    dir = mkdtempSync(join(tmpdir(), 'cchc-evidence-'));
    writeFileSync(join(dir, 'Biên bản kiểm tra.pdf'), PDF);
    writeFileSync(join(dir, 'bao-cao.pdf'), RENAMED_EXE);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const screen of BOTH_SCREENS) {
    it(`the lead official attaches, lists and removes a file, and a renamed program is refused, at ${screen.width} px`, async () => {
      const official = await s.api('official');
      const context = await s.contextAs(browser, 'official', screen);
      const page = await context.newPage();
      const w = watch(page);
      try {
        await page.goto(new URL(taskPath(ids.ownTaskId), s.base).toString());
        const section = page.locator(tid('evidence'));
        await section.locator(tid('evidence-empty')).waitFor();

        // a renamed program: refused beside the field, nothing stored
        await section.locator(tid('evidence-file')).setInputFiles(join(dir, 'bao-cao.pdf'));
        await section.locator(tid('evidence-submit')).click();
        await section.locator(tid('error-file')).waitFor();
        expect(await section.locator(tid('error-file')).innerText()).toMatch(/^Tệp "bao-cao\.pdf" không được nhận: .*Chỉ nhận tệp/);
        expect((await official.get(`/api/tasks/${ids.ownTaskId}/evidence`).expect(200)).body).toEqual([]);
        // the browser logs that refusal (400) as a console error: it is the one this test caused, and only it is let through
        expect(takeRefused(w, 400, /\/evidence\)$/)).toBe(1);

        // a PDF: attached, listed with its size, downloadable
        await section.locator(tid('evidence-file')).setInputFiles(join(dir, 'Biên bản kiểm tra.pdf'));
        await section.locator(tid('evidence-submit')).click();
        await section.locator(tid('evidence-item')).waitFor();
        const stored = (await official.get(`/api/tasks/${ids.ownTaskId}/evidence`).expect(200)).body;
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({ name: 'Biên bản kiểm tra.pdf', mime: 'application/pdf', size: PDF.length });
        expect(await section.locator(tid('evidence-link')).innerText()).toBe('Biên bản kiểm tra.pdf');
        expect(await section.locator(tid('evidence-item')).innerText()).toContain('1 KB');
        const href = await section.locator(tid('evidence-link')).getAttribute('href');
        const download = await page.evaluate(async (u) => {
          const r = await fetch(u!, { credentials: 'same-origin' });
          return { status: r.status, bytes: (await r.arrayBuffer()).byteLength, disposition: r.headers.get('content-disposition') };
        }, href);
        expect(download).toMatchObject({ status: 200, bytes: PDF.length });
        expect(download.disposition).toMatch(/^attachment;/);

        await screenshot(page, 'nhiem-vu-tai-lieu-kiem-chung', screen);
        expectNoProblems(`evidence (${screen.width} px)`, await auditPage(page, { screen, watch: w }));

        // removed again (confirmed in the dialog), so the other screen's run starts empty
        page.once('dialog', (d) => void d.accept());
        await section.locator(tid('evidence-remove')).click();
        await section.locator(tid('evidence-empty')).waitFor();
        expect((await official.get(`/api/tasks/${ids.ownTaskId}/evidence`).expect(200)).body).toEqual([]);
        // the task's log names the file added and removed
        await page.reload();
        await page.locator('main h1').first().waitFor();
        await page.getByText('Xóa tệp minh chứng').first().waitFor();
        expect(await page.locator('main').innerText()).toContain('tệp "Biên bản kiểm tra.pdf" (1 KB)');
      } finally {
        await context.close();
      }
    });
  }

  it('a viewer reads the list without the form', async () => {
    const official = await s.api('official');
    await official.post(`/api/tasks/${ids.ownTaskId}/evidence`).attach('file', PDF, 'Quyết định.pdf').expect(201);
    const context = await s.contextAs(browser, 'viewer', BOTH_SCREENS[1]);
    const page = await context.newPage();
    try {
      await page.goto(new URL(taskPath(ids.ownTaskId), s.base).toString());
      const section = page.locator(tid('evidence'));
      await section.locator(tid('evidence-item')).first().waitFor();
      expect(await section.locator(tid('evidence-link')).allInnerTexts()).toEqual(['Quyết định.pdf']);
      expect(await section.locator(tid('evidence-form')).count()).toBe(0);
      expect(await section.locator(tid('evidence-remove')).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
