import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { LoadWeight, Screen, Watch } from './browser.js';
import { textProblems } from './words.js';

/**
 * What every view must hold to, checked on the page as it is drawn: light,
 * nothing beyond the screen's edge, touch targets a finger can hit on a phone,
 * no serious accessibility fault, no script error, and no English or raw code
 * in what a person reads. auditView gathers every problem before failing, so
 * one run names all of them.
 */
export const LIMITS = {
  /** a view's cold load, before compression (HTML, CSS, JS, fonts, data): 100 KB read as decimal, 100,000 bytes */
  coldLoadBytes: 100_000,
  /** the scripts of a view, gzipped */
  scriptGzipBytes: 30 * 1024,
  /** a control's smaller side on a phone */
  touchTargetPx: 40,
};

let axeSource: string | undefined;
const axe = () => (axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

export interface Geometry {
  scrollWidth: number;
  innerWidth: number;
  wide: string[];
  outside: string[];
  small: string[];
  nativeDates: string[];
  texts: string[];
}

/**
 * Runs in the page (this project compiles without the DOM library, hence the
 * `any`): the document's width, elements and controls beyond the edges, touch
 * targets under the limit, native date fields, and every visible text.
 */
function measurePage(args: { width: number; touch: number; checkTouch: boolean }): Geometry {
  const g: any = globalThis;
  const doc = g.document;
  const CONTROLS = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="tab"], [role="checkbox"]';
  const describe = (el: any) => {
    const r = el.getBoundingClientRect();
    const id = el.getAttribute('data-testid') ?? el.id ?? '';
    const text = (el.innerText ?? el.value ?? el.getAttribute('aria-label') ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id ? ` ${id}` : ''}> "${text}" x ${Math.round(r.left)}–${Math.round(r.right)}, ${Math.round(r.width)}×${Math.round(r.height)}`;
  };
  // an element that takes no room or is hidden from sight (visually hidden text for screen readers included,
  // and what a clipping ancestor such as a visually hidden table head cuts down to nothing)
  const unseen = (el: any, r: any) => {
    if (r.width <= 1 || r.height <= 1) return true;
    for (let a = el.parentElement; a && a !== doc.body; a = a.parentElement) {
      const s = g.getComputedStyle(a);
      if (s.overflow === 'visible' && s.clip === 'auto') continue;
      const b = a.getBoundingClientRect();
      if (s.clip === 'rect(0px, 0px, 0px, 0px)' || b.width <= 1 || b.height <= 1) return true;
    }
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return true;
    const s = g.getComputedStyle(el);
    return s.clip === 'rect(0px, 0px, 0px, 0px)' || s.clipPath === 'inset(50%)';
  };
  // the part of an element its clipping ancestors let show
  const visibleRight = (el: any, r: any) => {
    let right = r.right;
    for (let a = el.parentElement; a && a !== doc.body; a = a.parentElement) {
      const s = g.getComputedStyle(a);
      if (s.overflowX !== 'visible') right = Math.min(right, a.getBoundingClientRect().right);
    }
    return right;
  };
  const wide: string[] = [];
  const outside: string[] = [];
  const small: string[] = [];
  for (const el of doc.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (unseen(el, r)) continue;
    if (visibleRight(el, r) > args.width + 0.5) wide.push(describe(el));
    if (!el.matches(CONTROLS)) continue;
    // a "skip to content" link waits off-screen and comes into view when focused: measure it focused;
    // no finger can touch it there, so the touch target rule is not for it
    const waitsOffScreen = r.right <= 0 || r.bottom <= 0;
    if (r.left < -0.5 || r.right > args.width + 0.5) {
      let shown = false;
      if (waitsOffScreen) {
        const before = doc.activeElement;
        el.focus({ preventScroll: true });
        const f = el.getBoundingClientRect();
        shown = f.left >= -0.5 && f.right <= args.width + 0.5 && f.top >= -0.5;
        el.blur();
        before?.focus?.({ preventScroll: true });
      }
      if (!shown) outside.push(describe(el));
    }
    if (!args.checkTouch || waitsOffScreen) continue;
    // a link inside a sentence is exempt (WCAG 2.5.8); a check box or radio counts with its label
    const s = g.getComputedStyle(el);
    if (el.tagName === 'A' && s.display === 'inline' && (el.parentElement?.textContent ?? '').trim() !== (el.textContent ?? '').trim()) continue;
    let box = r;
    if (el.tagName === 'INPUT' && /^(checkbox|radio)$/.test(el.type)) {
      const label = el.closest('label') ?? (el.id ? doc.querySelector(`label[for="${el.id}"]`) : null);
      if (label) box = label.getBoundingClientRect();
    }
    if (Math.min(box.width, box.height) < args.touch - 0.5) small.push(describe(el));
  }
  const nativeDates = [...doc.querySelectorAll('input[type="date"], input[type="datetime-local"], input[type="month"], input[type="week"]')]
    .filter((el: any) => !unseen(el, el.getBoundingClientRect())).map(describe);
  // what a person reads: visible text, and the words controls speak or show
  const texts: string[] = [doc.title];
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.nodeValue.trim();
    const p = n.parentElement;
    if (!t || !p || p.closest('script, style, noscript, template, code, kbd, samp')) continue;
    if (p.closest('option')) { if (p.closest('select') && !unseen(p.closest('select'), p.closest('select').getBoundingClientRect())) texts.push(t); continue; }
    if (!unseen(p, p.getBoundingClientRect()) || p.closest('[role="alert"], [aria-live]')) texts.push(t);
  }
  for (const el of doc.body.querySelectorAll('[placeholder], [aria-label], [title], img[alt], input[type="submit"], input[type="button"]')) {
    if (unseen(el, el.getBoundingClientRect())) continue;
    for (const a of ['placeholder', 'aria-label', 'title', 'alt']) if (el.getAttribute(a)) texts.push(el.getAttribute(a));
    if (/^(submit|button)$/.test(el.type ?? '')) texts.push(el.value);
  }
  return { scrollWidth: doc.documentElement.scrollWidth, innerWidth: g.innerWidth, wide, outside, small, nativeDates, texts };
}

/** The serious and critical axe-core violations of the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluated through the DevTools protocol, which the page's CSP does not govern (no inline script is added)
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(axe());
  const result: any = await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`);
  return (result.violations as any[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join('; ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ''}`);
}

export interface AuditOptions {
  screen: Screen;
  watch: Watch;
  /** the cold load's weight, when the page was just opened cold */
  weight?: LoadWeight;
}

/** Every problem of the page as drawn now; empty when it holds to all the rules. */
export async function auditPage(page: Page, opts: AuditOptions): Promise<string[]> {
  const problems: string[] = [];
  const { screen, weight } = opts;
  if (weight) {
    if (weight.bytes > LIMITS.coldLoadBytes) {
      const biggest = [...weight.responses].sort((a, b) => b.bytes - a.bytes).slice(0, 5).map((r) => `${r.url} ${r.bytes} B`).join(', ');
      problems.push(`tải lần đầu ${weight.bytes} B > ${LIMITS.coldLoadBytes} B (${biggest})`);
    }
    if (weight.scriptGzipBytes > LIMITS.scriptGzipBytes) problems.push(`script nén gzip ${weight.scriptGzipBytes} B > ${LIMITS.scriptGzipBytes} B`);
  }
  const geo = await page.evaluate(measurePage, { width: screen.width, touch: LIMITS.touchTargetPx, checkTouch: screen.mobile });
  if (geo.scrollWidth > screen.width) problems.push(`trang rộng ${geo.scrollWidth} px > màn hình ${screen.width} px`);
  if (geo.innerWidth > screen.width) problems.push(`khung nhìn rộng ${geo.innerWidth} px > ${screen.width} px (trang bị thu nhỏ cho vừa)`);
  for (const w of geo.wide.slice(0, 10)) problems.push(`vượt mép phải: ${w}`);
  for (const o of geo.outside) problems.push(`điều khiển ngoài màn hình: ${o}`);
  for (const s of geo.small) problems.push(`vùng chạm nhỏ hơn ${LIMITS.touchTargetPx} px: ${s}`);
  for (const d of geo.nativeDates) problems.push(`ô ngày của trình duyệt (theo ngôn ngữ trình duyệt, không phải dd/mm/yyyy): ${d}`);
  const seen = new Set<string>();
  for (const t of geo.texts) {
    for (const p of textProblems(t)) {
      const key = `${p.why}: "${p.match}"`;
      if (!seen.has(key)) { seen.add(key); problems.push(`${key} trong "${p.text}"`); }
    }
  }
  for (const v of await axeViolations(page)) problems.push(`axe ${v}`);
  for (const e of opts.watch.errors) problems.push(e);
  return problems;
}

/** Fails with every problem named, one a line. */
export function expectNoProblems(what: string, problems: string[]): void {
  if (problems.length) throw new Error(`${what}: ${problems.length} lỗi\n  - ${problems.join('\n  - ')}`);
}
