import request from 'supertest';
import { SignJWT } from 'jose';
import { SYSTEM } from '../src/access/actor.js';
import { Transactions } from '../src/database/transactions.js';
import { Notification } from '../src/notifications/entities/notification.entity.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { ROLES, type Role } from '../src/access/roles.js';
import { bearerClient, claimsOf, Client, startApp, TEST_JWT_SECRET, TestApp } from './support/app.js';
import { accountFor, seedUnit, TEST_PASSWORD } from './support/fixtures.js';
import { answerProblems } from './support/openapi-shape.js';

/**
 * The permission matrix, walked: every endpoint of the API (read from the
 * OpenAPI document, so a new endpoint without a row here fails) × every role,
 * and with no token, an expired token and a tampered one. Each allowed call
 * must succeed; every other answers exactly 401, 403 or 404. The same calls on
 * another commune's resource answer 404 to everyone but the administrator.
 *
 * Commune A sits under district D, whose superior-level viewer sees A; commune B
 * is elsewhere. Calls that change state get a fresh resource each time, so
 * every allowed call can succeed.
 */

type Caller = Role | 'none' | 'expired' | 'tampered';
/** `file`: a multipart upload (field "file"), with these form fields when given, instead of a JSON body. */
type Req = { path: string; body?: object; client?: Client; file?: { name: string; bytes: Buffer; fields?: Record<string, string> } };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
interface Row {
  /** METHOD and path as the OpenAPI document names it, e.g. POST /api/tasks/:id/complete */
  route: string;
  /** The request a role makes: on a resource of commune A, fresh when the call changes it. */
  call: (role: Role) => Promise<Req>;
  /** The roles that may, with the status of success. Every other role gets 403 unless `hidden` says 404. */
  ok: Partial<Record<Role, number>>;
  hidden?: Role[];
  /** Roles that may take the action, but not on this resource (not the lead official): 403 here, 404 on commune B. */
  notThisOne?: Role[];
  /** The same route on commune B's resource (routes that name a resource in their path). */
  foreign?: () => Promise<Req>;
  public?: boolean;
}

const READERS: Role[] = ['chairman', 'vice_chairman', 'official', 'reporter', 'viewer'];
const LEADERS: Role[] = ['chairman', 'vice_chairman'];
const REPORT_READERS: Role[] = ['chairman', 'vice_chairman', 'reporter', 'viewer'];
const all = (status: number, roles: readonly Role[] = ROLES) => Object.fromEntries(roles.map((r) => [r, status])) as Partial<Record<Role, number>>;

describe('permission matrix: every endpoint × every role', () => {
  let t: TestApp;
  let as: Record<Role, Client>;
  let A: { unitId: number; people: Record<string, number>; chair: Client };
  let B: { unitId: number; people: Record<string, number>; chair: Client };
  let districtId: number;
  let planA: any;
  let planB: any;
  let taskA: any;
  let taskB: any;
  let reportA: number;
  let reportB: number;
  let fileA: number;
  let fileB: number;
  let noteA: number;
  let noteB: number;
  let userA: number;
  let userB: number;
  let n = 0;
  const next = () => ++n;

  /** A task of A's plan led by the official (tuphap), coordinated by the reporter (vanphong). */
  const freshTaskA = async (completed = false) => {
    const task = (await A.chair.post(`/api/plans/${planA.id}/tasks`).send({
      phuLuc: 1, content: `Nhiệm vụ ${next()}`, assigneeId: A.people.tuphap, coordinatorIds: [A.people.vanphong], deadlineText: 'Tháng 3/2023',
    }).expect(201)).body.task;
    if (completed) await A.chair.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-03-10' }).expect(200);
    return task;
  };
  const freshPlanA = async (status: 'draft' | 'issued') =>
    (await A.chair.post('/api/plans').send({ unitId: A.unitId, number: `${next()}/KH-UBND`, title: 'Kế hoạch CCHC năm 2023', year: 2023, status }).expect(201)).body;
  const freshOfficialA = async () =>
    (await t.admin.post('/api/officials').send({ unitId: A.unitId, fullName: `Cán bộ ${next()}`, position: 'Công chức Địa chính – Xây dựng' }).expect(201)).body.id as number;
  const freshUserA = async () => {
    const officialId = await freshOfficialA();
    return (await t.admin.post('/api/users').send({ username: `nguoi${next()}`, password: TEST_PASSWORD, role: 'official', unitId: A.unitId, officialId }).expect(201)).body.id as number;
  };
  /** A new account with the same role as `role`, signed in: for calls that end a session or change a password. */
  const freshAccount = async (role: Role): Promise<Client> => {
    const unitId = role === 'admin' ? null : role === 'viewer' ? districtId : A.unitId;
    const officialId = role === 'admin' || role === 'viewer' ? null : await freshOfficialA();
    const username = `tk${next()}`;
    await t.admin.post('/api/users').send({ username, password: TEST_PASSWORD, role, unitId, officialId, mustChangePassword: false }).expect(201);
    return t.login(username, TEST_PASSWORD);
  };
  /** A manual version of A's report, stored directly: the calls below would otherwise spend the build limit. */
  const freshReportA = async () =>
    (await t.app.get(Transactions).run((em) => t.app.get(ReportsService).store(em, planA.id, 'Q1', 2023, {}, 'manual', SYSTEM))).id;
  const notificationFor = async (officialId: number) =>
    (await t.db.getRepository(Notification).save({ officialId, taskId: null, kind: 'report', dueOn: null, title: 'Thông báo thử', body: 'Nội dung' })).id;

  const ROWS: Row[] = [
    // signing in and one's own account
    { route: 'POST /api/auth/login', public: true, ok: all(200), call: async () => ({ path: '/api/auth/login', body: { username: 'admin', password: 'quan-tri-thu-nghiem-1' } }) },
    { route: 'POST /api/auth/logout', ok: all(200), call: async (r) => ({ path: '/api/auth/logout', client: await freshAccount(r) }) },
    { route: 'GET /api/auth/me', ok: all(200), call: async () => ({ path: '/api/auth/me' }) },
    {
      route: 'POST /api/auth/change-password', ok: all(200),
      call: async (r) => ({ path: '/api/auth/change-password', client: await freshAccount(r), body: { currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-2026' } }),
    },
    // accounts
    { route: 'GET /api/users', ok: { admin: 200, chairman: 200 }, call: async () => ({ path: '/api/users' }) },
    { route: 'GET /api/users/page', ok: { admin: 200, chairman: 200 }, call: async () => ({ path: '/api/users/page?limit=5' }) },
    { route: 'GET /api/users/:id', ok: { admin: 200, chairman: 200 }, call: async () => ({ path: `/api/users/${userA}` }), foreign: async () => ({ path: `/api/users/${userB}` }) },
    {
      route: 'POST /api/users', ok: { admin: 201, chairman: 201 },
      call: async () => ({ path: '/api/users', body: { username: `moi${next()}`, password: TEST_PASSWORD, role: 'official', unitId: A.unitId, officialId: await freshOfficialA() } }),
    },
    {
      route: 'PATCH /api/users/:id', ok: { admin: 200, chairman: 200 },
      call: async () => ({ path: `/api/users/${await freshUserA()}`, body: { role: 'reporter' } }), foreign: async () => ({ path: `/api/users/${userB}`, body: { active: true } }),
    },
    {
      route: 'POST /api/users/:id/reset-password', ok: { admin: 200 },
      call: async () => ({ path: `/api/users/${await freshUserA()}/reset-password`, body: {} }), foreign: async () => ({ path: `/api/users/${userB}/reset-password`, body: { password: TEST_PASSWORD } }),
    },
    // units and officials
    { route: 'GET /api/units', ok: all(200), call: async () => ({ path: '/api/units' }) },
    { route: 'GET /api/units/page', ok: all(200), call: async () => ({ path: '/api/units/page?q=xa' }) },
    { route: 'GET /api/units/:id', ok: all(200), call: async () => ({ path: `/api/units/${A.unitId}` }), foreign: async () => ({ path: `/api/units/${B.unitId}` }) },
    { route: 'POST /api/units', ok: { admin: 201 }, call: async () => ({ path: '/api/units', body: { name: `UBND xã Mới ${next()}`, parentId: districtId } }) },
    {
      route: 'PATCH /api/units/:id', ok: { admin: 200 },
      call: async () => ({ path: `/api/units/${A.unitId}`, body: { reminderTime: `07:${String(next() % 60).padStart(2, '0')}` } }),
      foreign: async () => ({ path: `/api/units/${B.unitId}`, body: { reportCutoff: 'ministry' } }),
    },
    {
      route: 'PATCH /api/units/:id/settings', ok: { admin: 200, chairman: 200 },
      call: async () => ({ path: `/api/units/${A.unitId}/settings`, body: { reminderTime: `08:${String(next() % 60).padStart(2, '0')}` } }),
      foreign: async () => ({ path: `/api/units/${B.unitId}/settings`, body: { overdueEveryDays: 3 } }),
    },
    { route: 'GET /api/officials', ok: all(200), call: async () => ({ path: '/api/officials' }) },
    { route: 'GET /api/officials/page', ok: all(200), call: async () => ({ path: '/api/officials/page?limit=3' }) },
    { route: 'GET /api/officials/:id', ok: all(200), call: async () => ({ path: `/api/officials/${A.people.tuphap}` }), foreign: async () => ({ path: `/api/officials/${B.people.tuphap}` }) },
    {
      route: 'POST /api/officials', ok: { admin: 201, chairman: 201 },
      call: async () => ({ path: '/api/officials', body: { unitId: A.unitId, fullName: `Cán bộ ${next()}`, position: 'Công chức Văn hóa – Xã hội' } }),
    },
    {
      route: 'PATCH /api/officials/:id', ok: { admin: 200, chairman: 200 },
      call: async () => ({ path: `/api/officials/${A.people.taichinh}`, body: { email: `tc${next()}@example.vn` } }),
      foreign: async () => ({ path: `/api/officials/${B.people.taichinh}`, body: { email: 'b@example.vn' } }),
    },
    // plans
    { route: 'GET /api/plans', ok: all(200, READERS), call: async () => ({ path: '/api/plans' }) },
    {
      route: 'POST /api/plans', ok: all(201, LEADERS),
      call: async () => ({ path: '/api/plans', body: { unitId: A.unitId, number: `${next()}/KH`, title: 'Kế hoạch CCHC năm 2024', year: 2024 } }),
    },
    { route: 'GET /api/plans/:id', ok: all(200, READERS), call: async () => ({ path: `/api/plans/${planA.id}` }), foreign: async () => ({ path: `/api/plans/${planB.id}` }) },
    {
      route: 'PATCH /api/plans/:id', ok: all(200, LEADERS),
      call: async () => ({ path: `/api/plans/${planA.id}`, body: { title: `Kế hoạch CCHC năm 2023 (sửa ${next()})` } }),
      foreign: async () => ({ path: `/api/plans/${planB.id}`, body: { title: 'Sửa' } }),
    },
    {
      route: 'POST /api/plans/:id/issue', ok: all(200, LEADERS),
      call: async () => ({ path: `/api/plans/${(await freshPlanA('draft')).id}/issue`, body: { issuedOn: '2023-01-05' } }),
      foreign: async () => ({ path: `/api/plans/${planB.id}/issue`, body: {} }),
    },
    {
      route: 'POST /api/plans/:id/close', ok: all(200, LEADERS),
      call: async () => ({ path: `/api/plans/${(await freshPlanA('issued')).id}/close`, body: {} }),
      foreign: async () => ({ path: `/api/plans/${planB.id}/close`, body: {} }),
    },
    {
      route: 'POST /api/plans/:id/reopen', ok: { chairman: 200 },
      call: async () => {
        const plan = await freshPlanA('issued');
        await A.chair.post(`/api/plans/${plan.id}/close`).send({}).expect(200);
        return { path: `/api/plans/${plan.id}/reopen`, body: { reason: 'Sửa số liệu' } };
      },
      foreign: async () => ({ path: `/api/plans/${planB.id}/reopen`, body: { reason: 'Sửa' } }),
    },
    { route: 'GET /api/plans/:id/unassigned', ok: all(200, READERS), call: async () => ({ path: `/api/plans/${planA.id}/unassigned` }), foreign: async () => ({ path: `/api/plans/${planB.id}/unassigned` }) },
    { route: 'GET /api/plans/:id/progress', ok: all(200, READERS), call: async () => ({ path: `/api/plans/${planA.id}/progress` }), foreign: async () => ({ path: `/api/plans/${planB.id}/progress` }) },
    { route: 'GET /api/plans/:id/overview', ok: all(200, READERS), call: async () => ({ path: `/api/plans/${planA.id}/overview?asOf=2023-06-20` }), foreign: async () => ({ path: `/api/plans/${planB.id}/overview` }) },
    // tasks
    { route: 'GET /api/officials/:id/tasks', ok: all(200, READERS), call: async () => ({ path: `/api/officials/${A.people.tuphap}/tasks` }), foreign: async () => ({ path: `/api/officials/${B.people.tuphap}/tasks` }) },
    { route: 'GET /api/plans/:id/tasks', ok: all(200, READERS), call: async () => ({ path: `/api/plans/${planA.id}/tasks` }), foreign: async () => ({ path: `/api/plans/${planB.id}/tasks` }) },
    {
      route: 'POST /api/plans/:id/tasks', ok: all(201, LEADERS),
      call: async () => ({ path: `/api/plans/${planA.id}/tasks`, body: { phuLuc: 2, content: `Việc ${next()}` } }),
      foreign: async () => ({ path: `/api/plans/${planB.id}/tasks`, body: { phuLuc: 2, content: 'Việc' } }),
    },
    { route: 'GET /api/tasks', ok: all(200, READERS), call: async () => ({ path: '/api/tasks' }) },
    { route: 'GET /api/tasks/:id', ok: all(200, READERS), call: async () => ({ path: `/api/tasks/${taskA.id}` }), foreign: async () => ({ path: `/api/tasks/${taskB.id}` }) },
    {
      route: 'PATCH /api/tasks/:id', ok: all(200, LEADERS),
      call: async () => ({ path: `/api/tasks/${(await freshTaskA()).id}`, body: { assigneeId: A.people.taichinh } }),
      foreign: async () => ({ path: `/api/tasks/${taskB.id}`, body: { content: 'Sửa' } }),
    },
    { route: 'GET /api/tasks/:id/history', ok: all(200, READERS), call: async () => ({ path: `/api/tasks/${taskA.id}/history` }), foreign: async () => ({ path: `/api/tasks/${taskB.id}/history` }) },
    { route: 'GET /api/tasks/:id/notes', ok: all(200, READERS), call: async () => ({ path: `/api/tasks/${taskA.id}/notes` }), foreign: async () => ({ path: `/api/tasks/${taskB.id}/notes` }) },
    {
      // the lead official and a coordinator may note progress; so may the unit's leaders
      route: 'POST /api/tasks/:id/notes', ok: { chairman: 201, vice_chairman: 201, official: 201, reporter: 201 },
      call: async () => ({ path: `/api/tasks/${taskA.id}/notes`, body: { text: `Đã xong bước ${next()}` } }),
      foreign: async () => ({ path: `/api/tasks/${taskB.id}/notes`, body: { text: 'Ghi chú' } }),
    },
    {
      // the reporter only coordinates this task: completing it is the lead's
      route: 'POST /api/tasks/:id/complete', ok: { chairman: 200, vice_chairman: 200, official: 200 }, notThisOne: ['reporter'],
      call: async () => ({ path: `/api/tasks/${(await freshTaskA()).id}/complete`, body: { completedOn: '2023-03-20', evidence: 'Báo cáo số 1' } }),
      foreign: async () => ({ path: `/api/tasks/${taskB.id}/complete`, body: { completedOn: '2023-03-20' } }),
    },
    {
      route: 'POST /api/tasks/:id/reopen', ok: { chairman: 200, vice_chairman: 200, official: 200 }, notThisOne: ['reporter'],
      call: async () => ({ path: `/api/tasks/${(await freshTaskA(true)).id}/reopen`, body: { reason: 'Thiếu minh chứng' } }),
      foreign: async () => ({ path: `/api/tasks/${taskB.id}/reopen`, body: { reason: 'Sai' } }),
    },
    {
      route: 'POST /api/tasks/:id/cancel', ok: all(200, LEADERS),
      call: async () => ({ path: `/api/tasks/${(await freshTaskA()).id}/cancel`, body: { reason: 'Không còn phù hợp' } }),
      foreign: async () => ({ path: `/api/tasks/${taskB.id}/cancel`, body: { reason: 'Bỏ' } }),
    },
    {
      // a row typed by mistake in a draft plan (an issued plan's tasks are cancelled: test/task-removal.e2e-spec.ts)
      route: 'DELETE /api/tasks/:id', ok: all(204, LEADERS),
      call: async () => {
        const plan = await freshPlanA('draft');
        const task = (await A.chair.post(`/api/plans/${plan.id}/tasks`).send({ phuLuc: 1, content: `Dòng gõ nhầm ${next()}` }).expect(201)).body.task;
        return { path: `/api/tasks/${task.id}` };
      },
      foreign: async () => ({ path: `/api/tasks/${taskB.id}` }),
    },
    // evidence files: read with the task, added and removed by its lead official and the leaders
    { route: 'GET /api/tasks/:id/evidence', ok: all(200, READERS), call: async () => ({ path: `/api/tasks/${taskA.id}/evidence` }), foreign: async () => ({ path: `/api/tasks/${taskB.id}/evidence` }) },
    {
      route: 'GET /api/tasks/:id/evidence/:fileId', ok: all(200, READERS),
      call: async () => ({ path: `/api/tasks/${taskA.id}/evidence/${fileA}` }), foreign: async () => ({ path: `/api/tasks/${taskB.id}/evidence/${fileB}` }),
    },
    {
      route: 'POST /api/tasks/:id/evidence', ok: { chairman: 201, vice_chairman: 201, official: 201 }, notThisOne: ['reporter'],
      call: async () => ({ path: `/api/tasks/${taskA.id}/evidence`, file: { name: 'bien-ban.pdf', bytes: PDF } }),
      foreign: async () => ({ path: `/api/tasks/${taskB.id}/evidence`, file: { name: 'bien-ban.pdf', bytes: PDF } }),
    },
    {
      route: 'DELETE /api/tasks/:id/evidence/:fileId', ok: { chairman: 204, vice_chairman: 204, official: 204 }, notThisOne: ['reporter'],
      call: async () => ({ path: `/api/tasks/${taskA.id}/evidence/${(await A.chair.post(`/api/tasks/${taskA.id}/evidence`).attach('file', PDF, 'x.pdf').expect(201)).body.id}` }),
      foreign: async () => ({ path: `/api/tasks/${taskB.id}/evidence/${fileB}` }),
    },
    { route: 'GET /api/tasks/:id/reminders', ok: all(200, READERS), call: async () => ({ path: `/api/tasks/${taskA.id}/reminders` }), foreign: async () => ({ path: `/api/tasks/${taskB.id}/reminders` }) },
    // notifications: one's own; anybody else's does not exist
    { route: 'GET /api/notifications', ok: all(200), call: async () => ({ path: '/api/notifications' }) },
    { route: 'GET /api/notifications/unread-count', ok: all(200), call: async () => ({ path: '/api/notifications/unread-count' }) },
    { route: 'GET /api/zalo', ok: { admin: 200 }, call: async () => ({ path: '/api/zalo' }) },
    // allowed to the administrator only; this install has no Zalo account, so the token is refused (400)
    { route: 'PUT /api/zalo/refresh-token', ok: { admin: 400 }, call: async () => ({ path: '/api/zalo/refresh-token', body: { refreshToken: 'moi' } }) },
    // a superior unit's own Zalo app: the administrator's alone (docs/security.md), the unit's chairman and viewer included
    { route: 'GET /api/zalo/units/:unitId', ok: { admin: 200 }, call: async () => ({ path: `/api/zalo/units/${districtId}` }), foreign: async () => ({ path: `/api/zalo/units/${B.unitId}` }) },
    {
      route: 'PUT /api/zalo/units/:unitId', ok: { admin: 200 },
      call: async () => ({ path: `/api/zalo/units/${districtId}`, body: { appId: '2000000000000000001', secretKey: 'khoa-bi-mat', refreshToken: `moi-${next()}` } }),
      foreign: async () => ({ path: `/api/zalo/units/${B.unitId}`, body: { appId: '2000000000000000001', secretKey: 'khoa-bi-mat', refreshToken: 'moi' } }),
    },
    { route: 'DELETE /api/zalo/units/:unitId', ok: { admin: 200 }, call: async () => ({ path: `/api/zalo/units/${A.unitId}` }), foreign: async () => ({ path: `/api/zalo/units/${B.unitId}` }) },
    {
      route: 'POST /api/notifications/:id/read', ok: { official: 200 }, hidden: ['admin', 'chairman', 'vice_chairman', 'reporter', 'viewer'],
      call: async () => ({ path: `/api/notifications/${await notificationFor(A.people.tuphap)}/read`, body: {} }),
      foreign: async () => ({ path: `/api/notifications/${noteB}/read`, body: {} }),
    },
    // reports
    {
      route: 'POST /api/plans/:id/reports', ok: { chairman: 201, vice_chairman: 201, reporter: 201 },
      call: async () => ({ path: `/api/plans/${planA.id}/reports`, body: { period: 'Q1', year: 2023 } }),
      foreign: async () => ({ path: `/api/plans/${planB.id}/reports`, body: { period: 'Q1', year: 2023 } }),
    },
    { route: 'GET /api/plans/:id/reports', ok: all(200, REPORT_READERS), call: async () => ({ path: `/api/plans/${planA.id}/reports` }), foreign: async () => ({ path: `/api/plans/${planB.id}/reports` }) },
    {
      route: 'GET /api/plans/:id/reports/preview', ok: all(200, REPORT_READERS),
      call: async () => ({ path: `/api/plans/${planA.id}/reports/preview?period=H1&year=2023` }), foreign: async () => ({ path: `/api/plans/${planB.id}/reports/preview?period=H1&year=2023` }),
    },
    { route: 'GET /api/reports/:id', ok: all(200, REPORT_READERS), call: async () => ({ path: `/api/reports/${reportA}` }), foreign: async () => ({ path: `/api/reports/${reportB}` }) },
    {
      // a draft version goes; the chairman alone decides (automatic, final versions: test/report-limits.e2e-spec.ts)
      route: 'DELETE /api/reports/:id', ok: { chairman: 204 },
      call: async () => ({ path: `/api/reports/${await freshReportA()}` }), foreign: async () => ({ path: `/api/reports/${reportB}` }),
    },
    {
      route: 'PATCH /api/reports/:id', ok: { chairman: 200, vice_chairman: 200, reporter: 200 },
      // A's draft stays a draft (the finalize row below uses fresh ones)
      call: async () => ({ path: `/api/reports/${reportA}`, body: { narrative: { kienNghi: 'Không có.' } } }),
      foreign: async () => ({ path: `/api/reports/${reportB}`, body: { narrative: { kienNghi: 'Không có.' } } }),
    },
    {
      route: 'POST /api/reports/:id/finalize', ok: all(200, LEADERS),
      // a fresh draft for each role that may finalise; the others are refused before anything changes
      call: async (r) => ({ path: `/api/reports/${LEADERS.includes(r) ? await freshReportA() : reportA}/finalize`, body: {} }),
      foreign: async () => ({ path: `/api/reports/${reportB}/finalize`, body: {} }),
    },
    {
      route: 'POST /api/reports/:id/drafts', ok: { chairman: 201, vice_chairman: 201, reporter: 201 },
      call: async () => ({ path: `/api/reports/${reportA}/drafts`, body: {} }), foreign: async () => ({ path: `/api/reports/${reportB}/drafts`, body: {} }),
    },
    {
      route: 'GET /api/reports/:id/evidence.zip', ok: all(200, REPORT_READERS),
      call: async () => ({ path: `/api/reports/${reportA}/evidence.zip` }), foreign: async () => ({ path: `/api/reports/${reportB}/evidence.zip` }),
    },
    { route: 'GET /api/reports/:id.docx', ok: all(200, REPORT_READERS), call: async () => ({ path: `/api/reports/${reportA}.docx` }), foreign: async () => ({ path: `/api/reports/${reportB}.docx` }) },
    { route: 'GET /api/reports/:id.xlsx', ok: all(200, REPORT_READERS), call: async () => ({ path: `/api/reports/${reportA}.xlsx` }), foreign: async () => ({ path: `/api/reports/${reportB}.xlsx` }) },
    { route: 'GET /api/reports/:id.html', ok: all(200, REPORT_READERS), call: async () => ({ path: `/api/reports/${reportA}.html` }), foreign: async () => ({ path: `/api/reports/${reportB}.html` }) },
    {
      route: 'GET /api/units/:id/progress', ok: all(200, REPORT_READERS),
      call: async () => ({ path: `/api/units/${A.unitId}/progress?asOf=2023-12-14` }), foreign: async () => ({ path: `/api/units/${B.unitId}/progress?asOf=2023-12-14` }),
    },
    // plans from and to files: importing is the chairman's and the administrator's
    { route: 'GET /api/plans/import/template.xlsx', ok: { admin: 200, chairman: 200 }, call: async () => ({ path: '/api/plans/import/template.xlsx' }) },
    { route: 'POST /api/plans/import', ok: { admin: 201, chairman: 201 }, call: async () => ({ path: '/api/plans/import', file: planFile(`${next()}/KH`) }) },
    {
      route: 'POST /api/plans/import/:token/confirm', ok: { admin: 201, chairman: 201 },
      call: async () => {
        const { body } = await send(A.chair, 'POST', { path: '/api/plans/import', file: planFile(`${next()}/KH`) }).expect(201);
        return { path: `/api/plans/import/${body.token}/confirm`, body: {} };
      },
    },
    { route: 'GET /api/plans/:id.docx', ok: all(200, READERS), call: async () => ({ path: `/api/plans/${planA.id}.docx` }), foreign: async () => ({ path: `/api/plans/${planB.id}.docx` }) },
    { route: 'GET /api/plans/:id.xlsx', ok: all(200, READERS), call: async () => ({ path: `/api/plans/${planA.id}.xlsx` }), foreign: async () => ({ path: `/api/plans/${planB.id}.xlsx` }) },
    // the rest
    { route: 'POST /api/deadlines/parse', ok: all(200), call: async () => ({ path: '/api/deadlines/parse', body: { text: 'Quý II/2023', year: 2023 } }) },
    { route: 'GET /api/health', public: true, ok: all(200), call: async () => ({ path: '/api/health' }) },
    { route: 'GET /api/audit', ok: { admin: 200, chairman: 200 }, call: async () => ({ path: '/api/audit' }) },
  ];

  beforeAll(async () => {
    t = await startApp();
    districtId = (await t.admin.post('/api/units').send({ name: 'Phòng Nội vụ huyện Thử' }).expect(201)).body.id;
    A = await seedUnit(t, 'UBND xã A', { parentId: districtId, signIn: false });
    B = await seedUnit(t, 'UBND xã B', { signIn: false });
    const vice = (await t.admin.post('/api/officials').send({ unitId: A.unitId, fullName: 'Nguyễn Thị Phó', position: 'Phó Chủ tịch UBND xã', role: 'vice_chairman' }).expect(201)).body.id;
    as = {
      admin: t.admin,
      chairman: A.chair,
      vice_chairman: await accountFor(t, 'pho.a', 'vice_chairman', A.unitId, vice),
      official: await accountFor(t, 'tuphap.a', 'official', A.unitId, A.people.tuphap),
      reporter: await accountFor(t, 'vanphong.a', 'reporter', A.unitId, A.people.vanphong),
      viewer: await accountFor(t, 'noivu.huyen', 'viewer', districtId, null),
    };
    userA = as.official.me.id;
    userB = (await accountFor(t, 'tuphap.b', 'official', B.unitId, B.people.tuphap)).me.id;
    planA = (await A.chair.post('/api/plans').send({ unitId: A.unitId, number: '01/KH-UBND', title: 'Kế hoạch CCHC năm 2023', year: 2023, status: 'issued' }).expect(201)).body;
    planB = (await B.chair.post('/api/plans').send({ unitId: B.unitId, number: '01/KH-UBND', title: 'Kế hoạch CCHC năm 2023', year: 2023, status: 'issued' }).expect(201)).body;
    taskA = await freshTaskA();
    taskB = (await B.chair.post(`/api/plans/${planB.id}/tasks`).send({ phuLuc: 1, content: 'Việc của xã B', assigneeId: B.people.tuphap, deadlineText: 'Tháng 3/2023' }).expect(201)).body.task;
    reportA = (await A.chair.post(`/api/plans/${planA.id}/reports`).send({ period: 'Q1', year: 2023 }).expect(201)).body.id;
    reportB = (await B.chair.post(`/api/plans/${planB.id}/reports`).send({ period: 'Q1', year: 2023 }).expect(201)).body.id;
    fileA = (await A.chair.post(`/api/tasks/${taskA.id}/evidence`).attach('file', PDF, 'bien-ban.pdf').expect(201)).body.id;
    fileB = (await B.chair.post(`/api/tasks/${taskB.id}/evidence`).attach('file', PDF, 'bien-ban.pdf').expect(201)).body.id;
    noteA = await notificationFor(A.people.tuphap);
    noteB = await notificationFor(B.people.tuphap);
  });
  afterAll(() => t.close());

  /** A small plan as CSV, for commune A, numbered `number`. */
  const planFile = (number: string) => ({
    bytes: Buffer.from(`Số: ${number}\nKế hoạch cải cách hành chính năm 2024\nPhụ lục;TT;Nội dung thực hiện;Cơ quan chủ trì;Thời gian hoàn thành\n01;1;Rà soát văn bản;Văn phòng;Quý I/2024\n`),
    name: 'ke-hoach.csv',
    fields: { unitId: String(A.unitId) },
  });

  const send = (client: Client | ReturnType<typeof request>, method: string, req: Req) => {
    const m = method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
    const r = (client as any)[m](req.path);
    if (req.file) {
      let multipart = r.attach('file', req.file.bytes, req.file.name);
      for (const [k, v] of Object.entries(req.file.fields ?? {})) multipart = multipart.field(k, v);
      return multipart;
    }
    return req.body !== undefined ? r.send(req.body) : r;
  };

  it('has a row for every endpoint the API serves, and no row for one it does not', async () => {
    const doc = (await t.admin.get('/api/docs-json').expect(200)).body;
    const served = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort();
    expect(ROWS.map((r) => r.route).sort()).toEqual(served);
  });

  it('answers each role as the matrix says, on a resource of its own commune, each answer as the OpenAPI document describes it', async () => {
    const doc = (await t.admin.get('/api/docs-json').expect(200)).body;
    const seen: string[] = [];
    const shapes = new Set<string>();
    for (const row of ROWS) {
      const [method, path] = row.route.split(' ');
      for (const role of ROLES) {
        const req = await row.call(role);
        const res = await send(req.client ?? as[role], method, req);
        // successes and refusals alike: each status declared for the operation, in the schema it declares
        if (/^application\/json/.test(res.headers['content-type'] ?? '')) {
          for (const p of answerProblems(doc, method, path.replace(/:(\w+)/g, '{$1}'), res.status, res.body)) shapes.add(p);
        }
        const want = row.ok[role] ?? (row.hidden?.includes(role) ? 404 : 403);
        seen.push(`${row.route} as ${role}: ${res.status}${res.status === want ? '' : ` (want ${want}) ${JSON.stringify(res.body).slice(0, 160)}`}`);
        if (res.status >= 400) expect(typeof res.body.message).toBe('string');
      }
    }
    expect(seen.filter((s) => s.includes('want'))).toEqual([]);
    // the response DTOs say exactly what the routes send: npm run api:types regenerates the page's types from them
    expect([...shapes]).toEqual([]);
    // some 300 calls, each answer checked against the document: on a loaded two-core machine more than the default minute
  }, 180_000);

  it('answers 404 for another commune\'s resource to every role but the administrator, the same as a missing one', async () => {
    const seen: string[] = [];
    const doc = (await t.admin.get('/api/docs-json').expect(200)).body;
    const shapes = new Set<string>();
    for (const row of ROWS.filter((r) => r.foreign)) {
      const [method] = row.route.split(' ');
      for (const role of ROLES) {
        const req = await row.foreign!();
        const res = await send(as[role], method, req);
        const allowed = row.ok[role] !== undefined || row.hidden?.includes(role) || row.notThisOne?.includes(role);
        const want = role === 'admin' ? row.ok.admin ?? (row.hidden?.includes('admin') ? 404 : 403) : allowed ? 404 : 403;
        seen.push(`${row.route} on B as ${role}: ${res.status}${res.status === want ? '' : ` (want ${want}) ${JSON.stringify(res.body).slice(0, 160)}`}`);
        // a hidden resource reads exactly like one that does not exist
        if (res.status === 404) expect(res.body.message).toMatch(/^Không tìm thấy .+ có mã \d+$/);
        for (const p of answerProblems(doc, method, row.route.split(' ')[1].replace(/:(\w+)/g, '{$1}'), res.status, res.body)) shapes.add(p);
      }
    }
    expect(seen.filter((s) => s.includes('want'))).toEqual([]);
    // each refusal declared by its operation, in the one error shape
    expect([...shapes]).toEqual([]);
  });

  it('answers 401 to every non-public endpoint without a token, with an expired one, or a tampered one', async () => {
    const chairClaims = claimsOf(A.chair.token);
    const key = new TextEncoder().encode(TEST_JWT_SECRET);
    const expired = await new SignJWT({ sid: chairClaims.sid }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(chairClaims.sub).setIssuer('cchc-tracker').setIssuedAt(chairClaims.iat - 7200).setExpirationTime(chairClaims.iat - 3600).sign(key);
    // the chairman's token with the administrator's id in it, signature left as it was
    const [h, , sig] = A.chair.token.split('.');
    const tampered = [h, Buffer.from(JSON.stringify({ ...chairClaims, sub: String(t.admin.me.id) })).toString('base64url'), sig].join('.');
    const callers: Record<Exclude<Caller, Role>, Client | ReturnType<typeof request>> = {
      none: t.anon,
      expired: bearerClient(t.app.getHttpServer(), expired, A.chair.me),
      tampered: bearerClient(t.app.getHttpServer(), tampered, A.chair.me),
    };
    const doc = (await t.admin.get('/api/docs-json').expect(200)).body;
    const shapes = new Set<string>();
    const seen: string[] = [];
    for (const row of ROWS) {
      const [method] = row.route.split(' ');
      const req = await row.call('chairman');
      for (const [name, client] of Object.entries(callers)) {
        const res = await send(client, method, { ...req, client: undefined });
        const want = row.public ? row.ok.chairman! : 401;
        seen.push(`${row.route} ${name}: ${res.status}${res.status === want ? '' : ` (want ${want})`}`);
        if (!row.public && name === 'expired') expect(res.body.message).toMatch(/hết hạn/);
        for (const p of answerProblems(doc, method, row.route.split(' ')[1].replace(/:(\w+)/g, '{$1}'), res.status, res.body)) shapes.add(p);
      }
    }
    expect(seen.filter((s) => s.includes('want'))).toEqual([]);
    expect([...shapes]).toEqual([]);
    // and the chairman's real token still works
    await A.chair.get(`/api/plans/${planA.id}`).expect(200);
  });

  it('keeps the queue board and the API docs as the matrix says', async () => {
    await t.anon.get('/admin/queues').expect(401);
    for (const role of ROLES) await as[role].get('/admin/queues').expect(role === 'admin' ? 200 : 403);
    await t.anon.get('/').expect(200);
  });

  it('lists only what the caller may see', async () => {
    const ids = (res: any) => res.body.map((x: any) => x.id);
    expect(ids(await as.official.get('/api/plans').expect(200))).toContain(planA.id);
    expect(ids(await as.official.get('/api/plans').expect(200))).not.toContain(planB.id);
    expect(ids(await as.viewer.get('/api/plans').expect(200))).toContain(planA.id);
    expect(ids(await as.viewer.get('/api/plans').expect(200))).not.toContain(planB.id);
    expect(ids(await as.official.get('/api/tasks').expect(200))).not.toContain(taskB.id);
    expect(ids(await as.chairman.get(`/api/tasks?planId=${planB.id}`).expect(200))).toEqual([]);
    expect(ids(await as.chairman.get('/api/units').expect(200))).toEqual([A.unitId]);
    // the district, A, and the communes the matrix added under the district; never B
    const seenByViewer = ids(await as.viewer.get('/api/units').expect(200));
    expect(seenByViewer).toEqual(expect.arrayContaining([districtId, A.unitId]));
    expect(seenByViewer).not.toContain(B.unitId);
    expect(ids(await as.chairman.get('/api/officials').expect(200))).not.toContain(B.people.tuphap);
    expect((await as.chairman.get('/api/users').expect(200)).body.every((u: any) => u.unitId === A.unitId)).toBe(true);
    expect((await as.chairman.get('/api/audit').expect(200)).body.every((e: any) => e.unitId === A.unitId)).toBe(true);
    expect(ids(await as.official.get('/api/notifications').expect(200))).toContain(noteA);
    await as.official.get(`/api/notifications?officialId=${A.people.vanphong}`).expect(404);
    await as.chairman.get(`/api/notifications?officialId=${B.people.tuphap}`).expect(404);
    await as.chairman.get(`/api/plans?unitId=${B.unitId}`).expect(200).then((r) => expect(r.body).toEqual([]));
  });
});
