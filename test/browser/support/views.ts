import type { Page } from 'playwright-core';
import type { DemoRole } from './browser.js';

/** The addresses of the page's views, and who may open each. */
export interface ViewIds { planId: number; unitId: number; taskId: number }
export interface View {
  /** file name of its screenshots */
  name: string;
  /** what the view is called on the page */
  title: string;
  path: (ids: ViewIds) => string;
  roles: DemoRole[];
}

export const VIEWS: View[] = [
  { name: 'tong-quan', title: 'Tổng quan', path: () => '/', roles: ['chairman', 'vice_chairman'] },
  { name: 'ke-hoach', title: 'Kế hoạch', path: (i) => `/ke-hoach/${i.planId}`, roles: ['chairman', 'official'] },
  { name: 'nhiem-vu', title: 'Nhiệm vụ', path: (i) => `/nhiem-vu/${i.taskId}`, roles: ['chairman', 'official'] },
  { name: 'viec-cua-toi', title: 'Việc của tôi', path: () => '/viec-cua-toi', roles: ['official', 'reporter'] },
  { name: 'thong-bao', title: 'Thông báo', path: () => '/thong-bao', roles: ['official'] },
  { name: 'bao-cao', title: 'Báo cáo', path: () => '/bao-cao', roles: ['reporter', 'chairman'] },
  { name: 'cap-tren', title: 'Cấp trên', path: () => '/cap-tren', roles: ['viewer'] },
  { name: 'don-vi', title: 'Đơn vị', path: () => '/don-vi', roles: ['chairman'] },
  { name: 'nhat-ky', title: 'Nhật ký', path: () => '/nhat-ky', roles: ['chairman', 'admin'] },
  { name: 'quan-tri', title: 'Quản trị', path: () => '/quan-tri', roles: ['admin'] },
];

/** Waits until a view is drawn: its heading is there and nothing is still loading. */
export async function waitForView(page: Page, view: View): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !(globalThis as any).document.querySelector('[aria-busy="true"]'));
  void view;
}
