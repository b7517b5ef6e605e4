import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { auditPage } from './support/audit.js';
import { launchBrowser, loadMeasured, newContext, SCREENS, type Screen } from './support/browser.js';

/**
 * The checks every view goes through, shown to fail: small pages, each with
 * one fault the product once had (a 552 px wide phone page, "Password:",
 * "kỳ YEAR/2023", a heavy script…), served by a bare HTTP server, and one
 * page that has none of them and passes.
 */
const HEAD = '<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Thử kiểm tra</title><link rel="icon" href="data:,">'
  + '<style>body{font:16px sans-serif;margin:0;padding:8px;color:#111;background:#fff} button,a.nut,.skip{display:inline-block;min-height:44px;min-width:44px;padding:8px 12px} .skip{position:absolute;left:-999px;top:0} .skip:focus{left:8px}</style></head><body><main><h1>Kế hoạch</h1>';
const page = (body: string) => `${HEAD}${body}</main></body></html>`;

const PAGES: Record<string, string> = {
  '/clean': page('<p>Đã hoàn thành 12/34 nhiệm vụ, đạt 35,3% (ngày 30/06/2023).</p><p>Người dùng <code>admin</code>.</p>'
    + '<label for="q">Tìm nhiệm vụ</label> <input id="q" style="height:44px;width:200px"> <button>Lưu</button> <a class="nut" href="/clean">Mở</a>'),
  '/wide': page('<div style="width:552px;background:#eee">Bảng nhiệm vụ</div><button style="position:relative;left:400px">Hoàn thành</button>'),
  '/offscreen': page('<a href="/clean" style="position:absolute;left:-999px;display:inline-block;min-height:44px">Mở kế hoạch</a>'),
  '/tiny': page('<button style="min-height:0;height:24px;padding:0 4px">Giao</button>'),
  '/english': page('<p>Password: demo@2023</p><p>Báo cáo kỳ YEAR/2023, hạn 2023-06-30, cách nhận: each</p><p>Vai trò: vice_chairman</p><p>Kết quả: undefined</p>'),
  '/heavy': page('<p>Nặng</p><script src="/heavy.js"></script>'),
  '/dense': page('<p>Mã nén kém</p><script src="/dense.js"></script>'),
  '/axe': page('<input id="x" style="height:44px"><img src="/pic.png" style="width:50px;height:50px">'),
  '/broken': page('<p>Lỗi</p><script src="/broken.js"></script>'),
  '/datefield': page('<label for="d">Ngày</label> <input id="d" type="date" style="height:44px">'),
};
const SCRIPTS: Record<string, string> = {
  // 120 KB of source that compresses well: the cold load passes 100 KB, the gzipped script stays small
  '/heavy.js': `window.lines = [${Array.from({ length: 9000 }, (_, i) => `"dòng ${i}"`).join(',')}];`,
  // random bytes as a string: 40 KB that gzip cannot shrink under 30 KB
  '/dense.js': `window.blob = "${randomBytes(30 * 1024).toString('base64')}";`,
  '/broken.js': 'console.error("không tải được dữ liệu"); null.x;',
};

describe('the checks every view goes through', () => {
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      if (PAGES[url]) { res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }); res.end(PAGES[url]); return; }
      if (SCRIPTS[url]) { res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }); res.end(SCRIPTS[url]); return; }
      res.writeHead(404); res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const audit = async (path: string, screen: Screen) => {
    const context = await newContext(browser, screen);
    try {
      const { page: p, watch, weight } = await loadMeasured(context, base, path);
      return { problems: await auditPage(p, { screen, watch, weight }), weight };
    } finally {
      await context.close();
    }
  };

  it('passes a light Vietnamese page that fits both screens', async () => {
    for (const screen of [SCREENS.desktop, SCREENS.phone]) {
      const { problems, weight } = await audit('/clean', screen);
      expect(problems).toEqual([]);
      expect(weight.bytes).toBe(Buffer.byteLength(PAGES['/clean']));
    }
  });

  it('fails a page wider than the phone, and a control beyond its edge', async () => {
    const { problems } = await audit('/wide', SCREENS.phone);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^trang rộng \d+ px > màn hình 360 px$/),
      expect.stringMatching(/^vượt mép phải: <div> "Bảng nhiệm vụ" x 8–560/),
      expect.stringMatching(/^điều khiển ngoài màn hình: <button> "Hoàn thành"/),
    ]));
    // the same page fits the desktop
    expect((await audit('/wide', SCREENS.desktop)).problems).toEqual([]);
  });

  it('fails a control kept off-screen, but not a skip link that comes into view when focused', async () => {
    expect((await audit('/offscreen', SCREENS.desktop)).problems).toEqual([expect.stringMatching(/^điều khiển ngoài màn hình: <a> "Mở kế hoạch" x -999/)]);
  });

  it('fails a touch target under 40 px on the phone only', async () => {
    expect((await audit('/tiny', SCREENS.phone)).problems).toEqual([expect.stringMatching(/^vùng chạm nhỏ hơn 40 px: <button> "Giao" .* \d+×24$/)]);
    expect((await audit('/tiny', SCREENS.desktop)).problems).toEqual([]);
  });

  it('fails English words and raw codes in what people read, not in <code>', async () => {
    const { problems } = await audit('/english', SCREENS.desktop);
    expect(problems).toEqual(expect.arrayContaining([
      'chữ tiếng Anh: "Password" trong "Password: demo@2023"',
      expect.stringMatching(/^mã kỳ báo cáo: "YEAR\/2023"/),
      expect.stringMatching(/^ngày dạng ISO: "2023-06-30"/),
      expect.stringMatching(/^chữ tiếng Anh: "each"/),
      expect.stringMatching(/^mã thô của máy chủ: "vice_chairman"/),
      expect.stringMatching(/^chữ tiếng Anh: "undefined"/),
    ]));
  });

  it('fails a cold load over 100,000 bytes, and a script over 30 KB gzipped', async () => {
    const heavy = await audit('/heavy', SCREENS.desktop);
    expect(heavy.weight.bytes).toBeGreaterThan(100_000);
    expect(heavy.problems).toEqual([expect.stringMatching(/^tải lần đầu \d+ B > 100000 B \(\/heavy\.js \d+ B, \/heavy /)]);
    const dense = await audit('/dense', SCREENS.desktop);
    expect(dense.weight.bytes).toBeLessThan(100_000);
    expect(dense.problems).toEqual([expect.stringMatching(/^script nén gzip \d+ B > 30720 B$/)]);
  });

  it('fails serious accessibility faults found by axe-core', async () => {
    const { problems } = await audit('/axe', SCREENS.desktop);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^axe critical label: /),
      expect.stringMatching(/^axe critical image-alt: /),
    ]));
  });

  it('fails a page error and a console error', async () => {
    const { problems } = await audit('/broken', SCREENS.desktop);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^console\.error: không tải được dữ liệu/),
      expect.stringMatching(/^lỗi trang: .*null/),
    ]));
  });

  it("fails a native date field, which follows the browser's language instead of dd/mm/yyyy", async () => {
    expect((await audit('/datefield', SCREENS.desktop)).problems).toEqual([expect.stringMatching(/^ô ngày của trình duyệt/)]);
  });
});
