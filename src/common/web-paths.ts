/**
 * The addresses of the web app's views (web/), shared by the page's router,
 * the server that answers the page for them (src/web) and whoever writes a
 * link into a mail (src/reminders). Plain strings: no Nest, bundled by esbuild.
 */
export const VIEW_PATHS = {
  signIn: '/dang-nhap',
  password: '/doi-mat-khau',
  overview: '/tong-quan',
  plans: '/ke-hoach',
  importPlan: '/nhap-ke-hoach',
  task: '/nhiem-vu',
  myTasks: '/viec-cua-toi',
  notifications: '/thong-bao',
  reports: '/bao-cao',
  rollup: '/cap-tren',
  unit: '/don-vi',
  audit: '/nhat-ky',
  admin: '/quan-tri',
} as const;

export type ViewName = keyof typeof VIEW_PATHS;

/** One task's page: what a reminder mail links to. */
export function taskPath(taskId: number): string {
  return `${VIEW_PATHS.task}/${taskId}`;
}

/** One plan's page. */
export function planPath(planId: number): string {
  return `${VIEW_PATHS.plans}/${planId}`;
}

/**
 * The report view of a plan for one period: what report mails link to. With a
 * version id, the page opens that version (a draft opens for writing).
 */
export function reportPath(planId: number, period: string, year: number, reportId?: number | null): string {
  const q = new URLSearchParams({ 'ke-hoach': String(planId), ky: period, nam: String(year) });
  if (reportId) q.set('sua', String(reportId));
  return `${VIEW_PATHS.reports}?${q.toString()}`;
}

const VIEW_PATH = new RegExp(`^(${Object.values(VIEW_PATHS).map((p) => p.replace(/[-/]/g, '\\$&')).join('|')})(/\\d{1,12})?/?$`);

/** True for "/" and every address a view answers: the server sends the page for these. */
export function isViewPath(path: string): boolean {
  return path === '/' || VIEW_PATH.test(path);
}
