import type { Page } from 'playwright-core';
import { planPath, taskPath, VIEW_PATHS } from '../../../src/common/web-paths.js';
import type { DemoRole } from './browser.js';

/** The views the browser tier opens: their addresses (the page's own, src/common/web-paths.ts) and who may open each. */
/** ownTaskId: a task the demo official (tuphap) leads. */
export interface ViewIds { planId: number; unitId: number; taskId: number; ownTaskId: number }
export interface View {
  /** file name of its screenshots */
  name: string;
  /** what the view is called on the page */
  title: string;
  path: (ids: ViewIds) => string;
  roles: DemoRole[];
}

export const VIEWS: View[] = [
  { name: 'tong-quan', title: 'Tổng quan', path: () => VIEW_PATHS.overview, roles: ['chairman', 'vice_chairman', 'viewer'] },
  { name: 'cac-ke-hoach', title: 'Các kế hoạch', path: () => VIEW_PATHS.plans, roles: ['chairman'] },
  { name: 'nhap-ke-hoach', title: 'Nhập kế hoạch từ tệp', path: () => VIEW_PATHS.importPlan, roles: ['chairman'] },
  { name: 'ke-hoach', title: 'Kế hoạch', path: (i) => planPath(i.planId), roles: ['chairman', 'official', 'viewer'] },
  { name: 'nhiem-vu', title: 'Nhiệm vụ', path: (i) => taskPath(i.taskId), roles: ['chairman'] },
  { name: 'nhiem-vu-cua-minh', title: 'Nhiệm vụ mình chủ trì', path: (i) => taskPath(i.ownTaskId), roles: ['official'] },
  { name: 'viec-cua-toi', title: 'Việc của tôi', path: () => VIEW_PATHS.myTasks, roles: ['official', 'reporter'] },
  { name: 'thong-bao', title: 'Thông báo', path: () => VIEW_PATHS.notifications, roles: ['official'] },
  { name: 'bao-cao', title: 'Báo cáo', path: () => VIEW_PATHS.reports, roles: ['reporter', 'chairman'] },
  { name: 'cap-tren', title: 'Cấp trên', path: () => VIEW_PATHS.rollup, roles: ['viewer'] },
  { name: 'don-vi', title: 'Đơn vị', path: () => VIEW_PATHS.unit, roles: ['chairman'] },
  { name: 'nhat-ky', title: 'Nhật ký', path: () => VIEW_PATHS.audit, roles: ['chairman'] },
  { name: 'quan-tri', title: 'Quản trị', path: () => VIEW_PATHS.admin, roles: ['admin'] },
];

/** Waits until a view is drawn: its heading is there and nothing is still loading. */
export async function waitForView(page: Page, view: View): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !(globalThis as any).document.querySelector('main .loading, main [aria-busy="true"]'));
  void view;
}
