import type { Page } from 'playwright-core';

/**
 * Kế hoạch shows its first 20 rows, the rest on "Xem thêm" (read from the
 * server a page at a time): waits for the first page, asks for the rest, and
 * waits until all `n` rows of the demo plan are there.
 */
export async function allPlanRows(page: Page, n = 34): Promise<void> {
  const count = () => page.locator('[data-testid="task-row"]').count();
  await page.waitForFunction((n) => {
    const doc = (globalThis as any).document;
    const rows = doc.querySelectorAll('[data-testid="task-row"]').length;
    return rows === n || (rows > 0 && !!doc.querySelector('[data-testid="plan-show-more"]:not([disabled])'));
  }, n);
  if ((await count()) < n) await page.click('[data-testid="plan-show-more"]');
  await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="task-row"]').length === n, n);
}
