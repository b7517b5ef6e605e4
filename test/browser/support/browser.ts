import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';

/**
 * The browser side of the browser tier: Debian's Chromium through
 * playwright-core, the two screens the product is made for, a signed-in
 * context per role, and the weight of a view's cold load measured from the
 * network events.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export type ScreenName = 'desktop' | 'phone';
export interface Screen { name: ScreenName; width: number; height: number; mobile: boolean }
/** An old office PC and a small phone. */
export const SCREENS: Record<ScreenName, Screen> = {
  desktop: { name: 'desktop', width: 1366, height: 768, mobile: false },
  phone: { name: 'phone', width: 360, height: 740, mobile: true },
};
export const BOTH_SCREENS: Screen[] = [SCREENS.desktop, SCREENS.phone];

/** The demo accounts of README "Accounts and roles" (src/demo/hoang-tien-2023.json). */
export const DEMO_ACCOUNTS = {
  chairman: 'chutich',
  vice_chairman: 'phochutich',
  reporter: 'vanphong',
  official: 'tuphap',
  viewer: 'noivu.hoanghoa',
} as const;
export type DemoRole = keyof typeof DEMO_ACCOUNTS | 'admin';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * A context of its own (cookies, cache) on one screen. The browser speaks
 * English on purpose: dates, numbers and words must be the page's Vietnamese
 * whatever the browser's language.
 */
export function newContext(browser: Browser, screen: Screen, opts: { deviceScaleFactor?: number } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: screen.width, height: screen.height },
    isMobile: screen.mobile,
    hasTouch: screen.mobile,
    deviceScaleFactor: opts.deviceScaleFactor ?? 1,
    locale: 'en-US',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
}

/** Signs the context in through the API (the page's cookie), so the first page load is the view's own cold load. */
export async function signInContext(context: BrowserContext, base: string, username: string, password: string): Promise<void> {
  const res = await context.request.post(new URL('/api/auth/login', base).toString(), { data: { username, password } });
  if (res.status() !== 200) throw new Error(`sign-in of ${username}: ${res.status()} ${await res.text()}`);
}

/** Script errors and console errors of a page, gathered from its first request. */
export interface Watch { errors: string[] }
export function watch(page: Page): Watch {
  const w: Watch = { errors: [] };
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => w.errors.push(`lỗi trang: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') w.errors.push(`console.error: ${m.text()} (${m.location().url})`); });
  return w;
}

/**
 * Takes off the watch the console errors of the refusals (HTTP `status`, on an
 * address matching `path`) that a test provoked on purpose, once it has
 * checked them, and says how many there were; any other error stays.
 */
export function takeRefused(w: Watch, status: number, path: RegExp): number {
  const mine = w.errors.filter((e) => e.includes(`status of ${status} `) && path.test(e));
  w.errors.splice(0, w.errors.length, ...w.errors.filter((e) => !mine.includes(e)));
  return mine.length;
}

export interface LoadWeight {
  /** Sum of the uncompressed bodies of every response of the load (HTML, CSS, JS, fonts, data). */
  bytes: number;
  /** The scripts' bodies, gzipped here (level 9) and summed. */
  scriptGzipBytes: number;
  responses: { url: string; type: string; bytes: number }[];
}

/**
 * Opens `path` in a fresh page of `context` and measures its cold load: every
 * response until the network has been quiet for half a second.
 */
export async function loadMeasured(context: BrowserContext, base: string, path: string): Promise<{ page: Page; watch: Watch; weight: LoadWeight }> {
  const page = await context.newPage();
  const w = watch(page);
  const pending: Promise<void>[] = [];
  const weight: LoadWeight = { bytes: 0, scriptGzipBytes: 0, responses: [] };
  const measure = async (res: Response) => {
    const type = res.request().resourceType();
    let body: Buffer;
    try { body = await res.body(); } catch { return; } // redirects have none
    weight.bytes += body.length;
    if (type === 'script') weight.scriptGzipBytes += gzipSync(body, { level: 9 }).length;
    weight.responses.push({ url: res.url().replace(base.replace(/\/$/, ''), ''), type, bytes: body.length });
  };
  page.on('response', (res) => { pending.push(measure(res)); });
  await page.goto(new URL(path, base).toString(), { waitUntil: 'networkidle' });
  await Promise.all(pending);
  return { page, watch: w, weight };
}

let screenshotDir: string | undefined;
/** Where the screenshots of a run go: SCREENSHOT_DIR, or a temporary folder named in the log. Never inside the repository. */
export function screenshotFolder(): string {
  if (screenshotDir) return screenshotDir;
  screenshotDir = process.env.SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'cchc-screens-'));
  mkdirSync(screenshotDir, { recursive: true });
  process.stderr.write(`Ảnh chụp màn hình: ${screenshotDir}\n`);
  return screenshotDir;
}

/**
 * How much of a tall page a screenshot keeps: the import preview of the
 * 34-row plan is 10,000 px high at 1366 px and 24,000 px as cards at 360 px.
 * A full-page capture of that (Chromium lays out and rasterises the whole
 * page beyond the viewport) took longer than the 15 s step limit on a loaded
 * machine, for rows the tests check in the page itself; the screenshot is
 * taken instead through a viewport made as tall as the page, up to this.
 */
export const SCREENSHOT_MAX_HEIGHT = 4000;

/** A screenshot of the page from its top (up to {@link SCREENSHOT_MAX_HEIGHT} px) named after the view and the screen, e.g. plan-phone.png. */
export async function screenshot(page: Page, name: string, screen: Screen): Promise<string> {
  const path = join(screenshotFolder(), `${name}-${screen.name}.png`);
  const viewport = page.viewportSize();
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  const tall = Math.min(height, SCREENSHOT_MAX_HEIGHT);
  if (!viewport || tall <= viewport.height) {
    await page.screenshot({ path });
    return path;
  }
  await page.setViewportSize({ width: viewport.width, height: tall });
  try {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path });
  } finally {
    await page.setViewportSize(viewport);
  }
  return path;
}
