import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { addDays, formatVnDate, todayLocal } from '../src/common/local-date.js';
import { digestDue } from '../src/reminders/reminder-plan.js';
import { ReminderDeliveryService } from '../src/reminders/reminder-delivery.service.js';
import { ZaloSentThrough1765000000000 } from '../src/database/migrations/1765000000000-zalo-sent-through.js';
import { MIGRATIONS } from '../src/schema.js';
import type { Client, TestApp } from './support/app.js';
import { startApp } from './support/app.js';
import { seedUnit } from './support/fixtures.js';
import { eventually, startSmtp } from './support/smtp.js';
import { startZns, ZnsOa } from './support/zns.js';

/**
 * Zalo settings per superior unit, against the fake ZNS hosts (one server,
 * several apps and Official Accounts, as Zalo's are) and a real SMTP peer:
 * two provinces with their own OAs, a commune of each and a commune with no
 * superior. Each reminder goes from its province's OA with that OA's
 * templates; one OA's refused refresh downs only that OA (the health report
 * names it) and its communes fall back to e-mail; a commune without any
 * settings uses the install's; an expired token of one OA is refreshed once
 * across two processes while the other OA is untouched.
 */
const vn = formatVnDate;
const INSTALL_TEMPLATES = { ZALO_TEMPLATE_BEFORE: 'tpl-before', ZALO_TEMPLATE_DUE: 'tpl-due', ZALO_TEMPLATE_OVERDUE: 'tpl-overdue', ZALO_TEMPLATE_DIGEST: 'tpl-digest' };
const templatesOf = (p: string) => ({ templateBefore: `${p}-before`, templateDue: `${p}-due`, templateOverdue: `${p}-overdue`, templateDigest: `${p}-digest` });
const PROVINCE_A = { appId: '2000000000000000001', secretKey: 'khoa-bi-mat-tinh-a', templates: Object.values(templatesOf('a')) };
const PROVINCE_B = { appId: '3000000000000000001', secretKey: 'khoa-bi-mat-tinh-b', templates: Object.values(templatesOf('b')) };

type Zns = Awaited<ReturnType<typeof startZns>>;

function installEnv(zns: Zns): Record<string, string> {
  return { ZALO_APP_ID: zns.appId, ZALO_SECRET_KEY: zns.secretKey, ZALO_REFRESH_TOKEN: 'refresh-0', ZALO_OAUTH_URL: zns.url, ZALO_API_URL: zns.url, ...INSTALL_TEMPLATES };
}

interface Commune {
  unitId: number;
  planId: number;
  chair: Client;
  people: Record<string, number>;
  email: string;
}

/**
 * Province A ─ district ─ commune A (settings on the province only: the walk
 * goes up two levels); province B ─ commune B; commune C with no superior.
 */
async function seedTree(t: TestApp) {
  const unit = async (name: string, parentId?: number) => (await t.admin.post('/api/units').send({ name, ...(parentId ? { parentId } : {}) }).expect(201)).body.id as number;
  const provinceA = await unit('UBND tỉnh Thử Nghiệm A');
  const district = await unit('UBND huyện Thử Nghiệm', provinceA);
  const provinceB = await unit('UBND tỉnh Thử Nghiệm B');
  const commune = async (name: string, parentId: number | undefined, n: number, tag: string): Promise<Commune> => {
    const { unitId, people, chair } = await seedUnit(t, name, { ...(parentId ? { parentId } : {}), signIn: false });
    const email = `tuphap.${tag}@example.vn`;
    await t.admin.patch(`/api/officials/${people.tuphap}`).send({ email, phone: `091234500${n}`, notifyZalo: true, notifyEmail: false }).expect(200);
    const plan = (await chair.post('/api/plans').send({ unitId, number: `6${n}/KH-UBND`, title: 'Kế hoạch cải cách hành chính', year: Number(todayLocal().slice(0, 4)) }).expect(201)).body;
    await chair.post(`/api/plans/${plan.id}/issue`).send({}).expect(200);
    return { unitId, planId: plan.id, chair, people, email };
  };
  const a = await commune('UBND xã Thuộc Tỉnh A', district, 1, 'a');
  const b = await commune('UBND xã Thuộc Tỉnh B', provinceB, 2, 'b');
  const c = await commune('UBND xã Không Cấp Trên', undefined, 3, 'c');
  return { provinceA, provinceB, district, a, b, c };
}

async function configure(t: TestApp, unitId: number, oa: ZnsOa, prefix: string) {
  return (await t.admin.put(`/api/zalo/units/${unitId}`).send({ appId: oa.appId, secretKey: oa.secretKey, refreshToken: 'refresh-0', ...templatesOf(prefix) }).expect(200)).body;
}

let n = 0;
async function addTask(c: Commune) {
  const content = `Việc nhắc theo tỉnh số ${++n}`;
  const task = (await c.chair.post(`/api/plans/${c.planId}/tasks`).send({ phuLuc: 1 + (n % 7), content, leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: `Trước ${vn(todayLocal())}` }).expect(201)).body.task;
  return { id: task.id as number, content };
}

describe('Zalo settings per superior unit', () => {
  let t: TestApp;
  let zns: Zns;
  let oaA: ZnsOa;
  let oaB: ZnsOa;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let tree: Awaited<ReturnType<typeof seedTree>>;

  beforeAll(async () => {
    zns = await startZns({ templates: Object.values(INSTALL_TEMPLATES) });
    oaA = zns.addOa(PROVINCE_A);
    oaB = zns.addOa(PROVINCE_B);
    smtp = await startSmtp();
    t = await startApp({ env: { SMTP_URL: smtp.url, REMINDER_RETRY_MS: '200', ...installEnv(zns) } });
    tree = await seedTree(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await zns.close();
  });
  afterEach(() => expect(zns.violations).toEqual([]));

  const sentOf = (oa: ZnsOa, content: string) => oa.sent.filter((m) => m.templateData.nhiem_vu === content);
  const mailsOf = (content: string) => smtp.messages.filter((m) => m.subject.includes(content));
  const outcomes = (task: { id: number; chair: Client }) => eventually(async () => {
    const list = (await task.chair.get(`/api/tasks/${task.id}/reminders`).expect(200)).body;
    const o = list.filter((r: any) => r.state === 'delivered').flatMap((r: any) => r.zalo);
    return o.length && o.every((x: any) => x.outcome !== 'Đang gửi') ? o : null;
  }, 15000, 'the Zalo outcome');

  it('the administrator sets, reads and corrects a province\'s settings; the secret never comes back; bad input changes nothing; all audited', async () => {
    const none = (await t.admin.get(`/api/zalo/units/${tree.provinceA}`).expect(200)).body;
    expect(none).toMatchObject({ unitId: tree.provinceA, unitName: 'UBND tỉnh Thử Nghiệm A', configured: false, status: 'off', secretKeySet: false, refreshTokenSet: false });
    // the first time: the secret key and the refresh token are required
    const noSecret = await t.admin.put(`/api/zalo/units/${tree.provinceA}`).send({ appId: oaA.appId, refreshToken: 'refresh-0' }).expect(400);
    expect(noSecret.body.message).toBe('secretKey: bắt buộc khi khai báo Zalo lần đầu cho đơn vị');
    const badApp = await t.admin.put(`/api/zalo/units/${tree.provinceA}`).send({ appId: 'ung-dung', secretKey: 'x', refreshToken: 'y', templateDue: 'có dấu cách' }).expect(400);
    expect(JSON.stringify(badApp.body)).toContain('appId: mã ứng dụng Zalo là dãy số');
    expect(JSON.stringify(badApp.body)).toContain('templateDue: mã mẫu tin ZNS gồm chữ, số');
    expect((await t.admin.get(`/api/zalo/units/${tree.provinceA}`).expect(200)).body.configured).toBe(false);
    await t.admin.get('/api/zalo/units/999999').expect(404);

    const set = await configure(t, tree.provinceA, oaA, 'a');
    expect(set).toMatchObject({
      configured: true, appId: oaA.appId, secretKeySet: true, refreshTokenSet: true, mode: 'production', status: 'up', problem: null,
      templates: { before: 'a-before', due: 'a-due', overdue: 'a-overdue', digest: 'a-digest' },
    });
    await configure(t, tree.provinceB, oaB, 'b');
    const read = JSON.stringify((await t.admin.get(`/api/zalo/units/${tree.provinceA}`).expect(200)).body);
    expect(read).not.toContain(PROVINCE_A.secretKey);
    expect(read).not.toContain('refresh-0');

    // a new app id without a new refresh token is refused, and nothing changes
    const moved = await t.admin.put(`/api/zalo/units/${tree.provinceA}`).send({ appId: '2000000000000000999', ...templatesOf('a') }).expect(400);
    expect(moved.body.message).toMatch(/^Đổi mã ứng dụng thì phải nhập mã làm mới/);
    expect((await t.admin.get(`/api/zalo/units/${tree.provinceA}`).expect(200)).body.appId).toBe(oaA.appId);

    // only the administrator, even the province's own chairman may not
    const { chair } = await seedUnit(t, 'UBND xã Phụ Trợ', { parentId: tree.provinceB, signIn: false });
    await chair.get(`/api/zalo/units/${tree.provinceA}`).expect(403);
    await chair.put(`/api/zalo/units/${tree.provinceA}`).send({ appId: '1111111' }).expect(403);
    await chair.delete(`/api/zalo/units/${tree.provinceA}`).expect(403);

    const audit = await t.db.query(`SELECT action, changes, unit_id AS "unitId" FROM audit_log WHERE entity = 'zalo' ORDER BY id`);
    expect(audit.map((r: any) => [r.action, Number(r.unitId)])).toEqual([['created', tree.provinceA], ['created', tree.provinceB]]);
    const changes = typeof audit[0].changes === 'string' ? JSON.parse(audit[0].changes) : audit[0].changes;
    expect(changes).toMatchObject({ appId: { from: null, to: oaA.appId }, templateDue: { from: null, to: 'a-due' }, secretKey: { from: null, to: 'khai báo mới' }, refreshToken: { from: null, to: 'khai báo mới' } });
    expect(JSON.stringify(audit)).not.toContain(PROVINCE_A.secretKey);
  });

  it('each commune\'s reminder goes from its province\'s OA with that OA\'s templates; a commune with no settings above uses the install\'s', async () => {
    const ta = await addTask(tree.a);
    const tb = await addTask(tree.b);
    const tc = await addTask(tree.c);
    const [ma] = await eventually(async () => (sentOf(oaA, ta.content).length ? sentOf(oaA, ta.content) : null), 15000, 'A\'s message');
    const [mb] = await eventually(async () => (sentOf(oaB, tb.content).length ? sentOf(oaB, tb.content) : null), 15000, 'B\'s message');
    const [mc] = await eventually(async () => (sentOf(zns, tc.content).length ? sentOf(zns, tc.content) : null), 15000, 'the install\'s message');
    expect(ma).toMatchObject({ phone: '84912345001', templateId: expect.stringMatching(/^a-(before|due)$/) });
    expect(mb).toMatchObject({ phone: '84912345002', templateId: expect.stringMatching(/^b-(before|due)$/) });
    expect(mc).toMatchObject({ phone: '84912345003', templateId: expect.stringMatching(/^tpl-(before|due)$/) });
    // nothing crossed over
    for (const [oa, others] of [[oaA, [tb, tc]], [oaB, [ta, tc]], [zns, [ta, tb]]] as const) {
      for (const o of others) expect(sentOf(oa, o.content)).toEqual([]);
    }
    expect(oaA.refreshes).toEqual([{ refreshToken: 'refresh-0', ok: true }]);
    expect(oaB.refreshes).toEqual([{ refreshToken: 'refresh-0', ok: true }]);

    // the administrator sees every OA, its quota and the month's messages of the units it serves
    const status = (await t.admin.get('/api/zalo').expect(200)).body;
    const byScope = Object.fromEntries(status.accounts.map((a: any) => [a.scope, a]));
    expect(Object.keys(byScope).sort()).toEqual(['install', `unit:${tree.provinceA}`, `unit:${tree.provinceB}`].sort());
    expect(byScope[`unit:${tree.provinceA}`]).toMatchObject({
      name: 'UBND tỉnh Thử Nghiệm A', unitId: tree.provinceA, status: 'up', appId: oaA.appId, dailyQuota: 500, remainingQuota: 499,
      units: [{ unitId: tree.a.unitId, unitName: 'UBND xã Thuộc Tỉnh A', sent: 1, fellBack: 0 }],
    });
    expect(byScope[`unit:${tree.provinceB}`].units).toEqual([{ unitId: tree.b.unitId, unitName: 'UBND xã Thuộc Tỉnh B', sent: 1, fellBack: 0 }]);
    expect(byScope.install).toMatchObject({ name: 'Zalo OA chung của hệ thống', unitId: null, units: [{ unitId: tree.c.unitId, sent: 1, fellBack: 0 }] });
    expect(JSON.stringify(status)).not.toContain(PROVINCE_B.secretKey);
  });

  it('a refused refresh downs only that OA: the health report names it, its communes get e-mail, the other OA keeps sending; a new refresh token brings it back', async () => {
    oaA.expireAccessToken();
    oaA.revokeRefreshToken();
    const ta = await addTask(tree.a);
    const mail = await eventually(async () => mailsOf(ta.content)[0], 15000, 'the mail instead');
    expect(mail.to).toEqual([tree.a.email]);
    expect((await outcomes({ id: ta.id, chair: tree.a.chair }))[0].outcome).toMatch(/^Không làm mới được mã truy cập Zalo .*: gửi e-mail thay$/);
    expect(oaA.refreshes.at(-1)).toEqual({ refreshToken: 'refresh-1', ok: false });

    const health = (await t.anon.get('/api/health').expect(200)).body;
    expect(health).toMatchObject({ status: 'degraded', zalo: { status: 'down' } });
    expect(health.zalo.problem).toMatch(/^UBND tỉnh Thử Nghiệm A: Không làm mới được mã truy cập Zalo/);
    expect(health.zalo.accounts).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'UBND tỉnh Thử Nghiệm A', status: 'down' }),
      expect.objectContaining({ name: 'UBND tỉnh Thử Nghiệm B', status: 'up' }),
      expect.objectContaining({ name: 'Zalo OA chung của hệ thống', status: 'up' }),
    ]));
    expect(health.notes.join(' ')).toContain('Kênh Zalo ngừng (UBND tỉnh Thử Nghiệm A)');

    // B and the install are untouched and keep sending
    const tb = await addTask(tree.b);
    await eventually(async () => sentOf(oaB, tb.content).length === 1, 15000, 'B\'s message');
    expect(oaB.refreshes).toEqual([{ refreshToken: 'refresh-0', ok: true }]);
    // A, down, is not tried again
    const attempts = oaA.sendAttempts();
    const ta2 = await addTask(tree.a);
    await eventually(async () => mailsOf(ta2.content)[0], 15000, 'the mail instead');
    expect(oaA.sendAttempts()).toBe(attempts);
    expect((await outcomes({ id: ta2.id, chair: tree.a.chair }))[0].outcome).toMatch(/^Kênh Zalo đang ngừng: /);
    const status = (await t.admin.get('/api/zalo').expect(200)).body;
    const a = status.accounts.find((x: any) => x.unitId === tree.provinceA);
    expect(a).toMatchObject({ status: 'down', problem: expect.stringMatching(/^Không làm mới được mã truy cập Zalo/) });
    expect(a.units).toEqual([{ unitId: tree.a.unitId, unitName: 'UBND xã Thuộc Tỉnh A', sent: 1, fellBack: 2 }]);

    // the administrator gives the OA's new refresh token: up again
    const up = (await t.admin.put(`/api/zalo/units/${tree.provinceA}`).send({ appId: oaA.appId, refreshToken: oaA.currentRefreshToken(), ...templatesOf('a') }).expect(200)).body;
    expect(up).toMatchObject({ status: 'up', problem: null });
    const ta3 = await addTask(tree.a);
    await eventually(async () => sentOf(oaA, ta3.content).length === 1, 15000, 'A\'s message again');
    expect((await t.anon.get('/api/health').expect(200)).body.zalo.status).toBe('up');
  });

  it('cleared settings: the province\'s communes fall back to the install\'s OA', async () => {
    const cleared = (await t.admin.delete(`/api/zalo/units/${tree.provinceA}`).expect(200)).body;
    expect(cleared).toEqual({ unitId: tree.provinceA, cleared: true, nowUsing: 'Zalo OA chung của hệ thống' });
    expect((await t.admin.delete(`/api/zalo/units/${tree.provinceA}`).expect(200)).body.cleared).toBe(false);
    const [row] = await t.db.query(`SELECT COUNT(*) AS n FROM zalo_account WHERE scope = 'unit:${Number(tree.provinceA)}'`);
    expect(Number(row.n)).toBe(0);
    const ta = await addTask(tree.a);
    const [m] = await eventually(async () => (sentOf(zns, ta.content).length ? sentOf(zns, ta.content) : null), 15000, 'the install\'s message');
    expect(m.templateId).toMatch(/^tpl-(before|due)$/);
    expect(sentOf(oaA, ta.content)).toEqual([]);
    const last = (await t.db.query(`SELECT action FROM audit_log WHERE entity = 'zalo' ORDER BY id DESC`))[0];
    expect(last.action).toBe('deleted');
  });
});

describe('Zalo through a province\'s OA: the month\'s counts per account, the digest near its quota', () => {
  let t: TestApp;
  let zns: Zns;
  let oaA: ZnsOa;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let tree: Awaited<ReturnType<typeof seedTree>>;

  beforeAll(async () => {
    zns = await startZns({ templates: Object.values(INSTALL_TEMPLATES) });
    oaA = zns.addOa(PROVINCE_A);
    smtp = await startSmtp();
    t = await startApp({ env: { SMTP_URL: smtp.url, REMINDER_RETRY_MS: '200', ...installEnv(zns) } });
    tree = await seedTree(t);
    // commune A's chairman reads Zalo: the digest is for him
    await t.admin.patch(`/api/officials/${tree.a.people.chairman}`).send({ phone: '0987 654 001', notifyZalo: true, notifyEmail: false }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await zns.close();
  });
  afterEach(() => expect(zns.violations).toEqual([]));

  const sentOf = (oa: ZnsOa, content: string) => oa.sent.filter((m) => m.templateData.nhiem_vu === content);
  const accountsOf = async () => Object.fromEntries((await t.admin.get('/api/zalo').expect(200)).body.accounts.map((a: any) => [a.scope, a]));

  it('a unit\'s messages stay counted under the OA that sent them when its province gets its own OA mid-month', async () => {
    const before = await addTask(tree.a);
    await eventually(async () => sentOf(zns, before.content).length === 1, 15000, 'the install\'s message');
    await configure(t, tree.provinceA, oaA, 'a');
    const after = await addTask(tree.a);
    await eventually(async () => sentOf(oaA, after.content).length === 1, 15000, 'the province\'s message');
    await eventually(async () => {
      const rows = await t.db.query(`SELECT COUNT(*) AS n FROM reminder_delivery WHERE channel = 'zalo' AND mailed_at IS NULL`);
      return Number(rows[0].n) === 0;
    }, 15000, 'the Zalo claims settled');

    const accounts = await accountsOf();
    const unitA = { unitId: tree.a.unitId, unitName: 'UBND xã Thuộc Tỉnh A' };
    expect(accounts.install.units).toEqual([{ ...unitA, sent: 1, fellBack: 0 }]);
    expect(accounts[`unit:${tree.provinceA}`].units).toEqual([{ ...unitA, sent: 1, fellBack: 0 }]);
    // the unit's own line counts both
    const status = (await t.admin.get('/api/zalo').expect(200)).body;
    expect(status.units.filter((u: any) => u.unitId === tree.a.unitId)).toEqual([{ ...unitA, sent: 2, fellBack: 0 }]);

    // settings removed: what the province's OA sent stays its own
    await t.admin.delete(`/api/zalo/units/${tree.provinceA}`).expect(200);
    const cleared = await accountsOf();
    expect(cleared.install.units).toEqual([{ ...unitA, sent: 1, fellBack: 0 }]);
    // and back, with the refresh token Zalo now holds for the OA
    await t.admin.put(`/api/zalo/units/${tree.provinceA}`).send({ appId: oaA.appId, secretKey: oaA.secretKey, refreshToken: oaA.currentRefreshToken(), ...templatesOf('a') }).expect(200);
  });

  it('near the province OA\'s quota, its commune\'s reminders go by e-mail and one digest goes to the chairman through the province\'s OA', async () => {
    // the province's OA has 40 messages left today (the reserve is 50), as its quota endpoint says; the install's has plenty
    oaA.setQuota(100, 60);
    const accounts = await accountsOf();
    expect(accounts[`unit:${tree.provinceA}`]).toMatchObject({ dailyQuota: 100, remainingQuota: 40, nearQuota: true });
    expect(accounts.install).toMatchObject({ nearQuota: false });
    const attemptsA = oaA.sendAttempts();
    const attemptsInstall = zns.sendAttempts();
    const refreshesA = oaA.refreshes.length;

    const task = await addTask(tree.a);
    const mail = await eventually(async () => smtp.messages.find((m) => m.subject.includes(task.content)), 15000, 'the mail instead');
    expect(mail.to).toEqual([tree.a.email]);
    const outcomes = await eventually(async () => {
      const list = (await tree.a.chair.get(`/api/tasks/${task.id}/reminders`).expect(200)).body;
      const o = list.filter((r: any) => r.state === 'delivered').flatMap((r: any) => r.zalo);
      return o.length && o.every((x: any) => x.outcome !== 'Đang gửi') ? o : null;
    }, 15000, 'the Zalo outcome');
    expect(outcomes.map((o: any) => o.outcome)).toEqual(['Gần hết hạn mức tin ZNS trong ngày: gửi e-mail và gộp vào tin tổng hợp của đơn vị']);
    expect(oaA.sendAttempts()).toBe(attemptsA);
    expect(zns.sendAttempts()).toBe(attemptsInstall);

    // at the unit's reminder time (07:30) of a working day: one digest, through the province's OA
    const day = lastWorkingDay();
    const delivery = t.app.get(ReminderDeliveryService);
    expect(await delivery.sendZaloDigests(new Date(`${day}T07:29:00+07:00`))).toBe(0);
    // not for a chairman who turned Zalo off
    await t.admin.patch(`/api/officials/${tree.a.people.chairman}`).send({ notifyZalo: false }).expect(200);
    expect(await delivery.sendZaloDigests(new Date(`${day}T07:30:00+07:00`))).toBe(0);
    expect(oaA.sent.filter((m) => m.templateId === 'a-digest')).toEqual([]);
    // Zalo on again without giving the number again: the one stored serves
    await t.admin.patch(`/api/officials/${tree.a.people.chairman}`).send({ notifyZalo: true }).expect(200);
    await delivery.sendZaloDigests(new Date(`${day}T07:30:00+07:00`));
    expect(await delivery.sendZaloDigests(new Date(`${day}T07:40:00+07:00`))).toBe(0);
    const digests = oaA.sent.filter((m) => m.templateId === 'a-digest');
    expect(digests).toEqual([expect.objectContaining({
      phone: '84987654001',
      templateData: { don_vi: 'UBND xã Thuộc Tỉnh A', so_nhac_viec: '1', ngay: vn(day), lien_ket: expect.stringMatching(/^http/) },
    })]);
    // the province's token (the fake knows the OA by it), not a new one; nothing through the install's OA
    expect(oaA.refreshes.length).toBe(refreshesA);
    expect(oaA.sendAttempts()).toBe(attemptsA + 1);
    expect(zns.sendAttempts()).toBe(attemptsInstall);
    expect(zns.sent.filter((m) => m.templateId === 'tpl-digest')).toEqual([]);
  });

  it('the migration gives the claims made before it the account their unit uses then', async () => {
    const tb = await addTask(tree.b);
    await eventually(async () => sentOf(zns, tb.content).length === 1, 15000, 'B\'s message through the install\'s OA');
    await eventually(async () => Number((await t.db.query(`SELECT COUNT(*) AS n FROM reminder_delivery WHERE channel = 'zalo' AND mailed_at IS NULL`))[0].n) === 0, 15000, 'the Zalo claims settled');
    // back to before the column (and the migrations after it), then up again
    for (let i = MIGRATIONS.indexOf(ZaloSentThrough1765000000000); i < MIGRATIONS.length; i++) await t.db.undoLastMigration({ transaction: 'each' });
    await t.db.runMigrations({ transaction: 'each' });
    const rows = await t.db.query(`SELECT DISTINCT unit_id AS "unitId", account_scope AS scope FROM reminder_delivery WHERE channel = 'zalo' ORDER BY unit_id`);
    expect(rows.map((r: any) => [Number(r.unitId), r.scope])).toEqual([[tree.a.unitId, `unit:${tree.provinceA}`], [tree.b.unitId, 'install']]);
  });

  it('an OA serving more than 100 units: the 100 that sent most are listed, the totals count every unit', async () => {
    const scope = `unit:${tree.provinceA}`;
    const before = (await accountsOf())[scope];
    // 130 more communes under the province, each with 1 to 5 messages this month through its OA
    const sentBy = new Map<number, number>();
    for (let i = 0; i < 130; i++) {
      const id = (await t.admin.post('/api/units').send({ name: `Xã Đông Dân ${i + 1}`, parentId: tree.provinceA }).expect(201)).body.id as number;
      sentBy.set(id, (i % 5) + 1);
    }
    const values = [...sentBy].flatMap(([unitId, n]) => Array.from({ length: n }, (_, k) =>
      `('zalo-count|${unitId}|${k}', 'due', 'zalo', ${unitId}, '${scope}', 'sent', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`));
    await t.db.query(`INSERT INTO reminder_delivery ("key", kind, channel, unit_id, account_scope, outcome, claimed_at, mailed_at) VALUES ${values.join(', ')}`);

    const a = (await accountsOf())[scope];
    const added = [...sentBy.values()].reduce((x, y) => x + y, 0);
    expect(a.unitCount).toBe(before.unitCount + 130);
    expect(a.sentTotal).toBe(before.sentTotal + added);
    expect(a.fellBackTotal).toBe(before.fellBackTotal);
    expect(a.units).toHaveLength(100);
    const shown = a.units.map((u: any) => u.sent);
    expect(shown).toEqual([...shown].sort((x: number, y: number) => y - x));
    // nobody left out sent more than the last one shown
    const left = [...sentBy].filter(([id]) => !a.units.some((u: any) => u.unitId === id)).map(([, n]) => n);
    expect(left.length).toBeGreaterThan(0);
    expect(Math.max(...left)).toBeLessThanOrEqual(shown[shown.length - 1]);
    expect(a.units.find((u: any) => sentBy.get(u.unitId) === 5)).toMatchObject({ unitName: expect.stringMatching(/^Xã Đông Dân \d+$/), sent: 5, fellBack: 0 });
    // every account together, at the top
    const status = (await t.admin.get('/api/zalo').expect(200)).body;
    expect(status.units).toHaveLength(100);
    expect(status.unitCount).toBeGreaterThanOrEqual(132);
    expect(status.sentTotal).toBe(status.accounts.reduce((n: number, x: any) => n + x.sentTotal, 0));
  });
});

/** Today, or on a weekend or holiday the last working day before (the digest goes on working days only). */
function lastWorkingDay(): string {
  let day = todayLocal();
  while (!digestDue(new Date(`${day}T12:00:00+07:00`), '00:00')) day = addDays(day, -1);
  return day;
}

// ------------------------------------------------------------------ worker processes

function startWorker(t: TestApp, smtpUrl: string, zns: Zns): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['dist/worker.js'], {
    env: {
      PATH: process.env.PATH, SQLITE_NATIVE_BINDING: process.env.SQLITE_NATIVE_BINDING, NODE_ENV: 'production',
      DATABASE_URL: t.databaseUrl, REDIS_URL: t.config.env.REDIS_URL, QUEUE_PREFIX: t.config.env.QUEUE_PREFIX,
      SMTP_URL: smtpUrl, REMINDER_LOCK_MS: '1500', REMINDER_RETRY_MS: '200', ...installEnv(zns),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  return Object.assign(child, { output: () => out });
}

describe('Zalo settings per superior unit, with worker processes', () => {
  beforeAll(() => {
    if (!existsSync('dist/worker.js')) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  });

  it('one OA\'s expired token is refreshed once across two processes, the other OA\'s untouched', async () => {
    const zns = await startZns({ templates: Object.values(INSTALL_TEMPLATES) });
    const oaA = zns.addOa(PROVINCE_A);
    const oaB = zns.addOa(PROVINCE_B);
    const smtp = await startSmtp();
    const t = await startApp({ env: { WORKER: 'off', SMTP_URL: smtp.url, ...installEnv(zns) } });
    const children: (ChildProcess & { output: () => string })[] = [];
    try {
      const tree = await seedTree(t);
      await configure(t, tree.provinceA, oaA, 'a');
      await configure(t, tree.provinceB, oaB, 'b');
      children.push(startWorker(t, smtp.url, zns), startWorker(t, smtp.url, zns));
      for (let i = 0; i < 6; i++) {
        await addTask(tree.a);
        await addTask(tree.b);
      }
      await eventually(async () => oaA.sent.length >= 6 && oaB.sent.length >= 6, 60000, '6 messages from each OA')
        .catch((e) => { throw new Error(`${e.message}: A ${oaA.sent.length}, B ${oaB.sent.length}, install ${zns.sent.length}\n${children.map((c) => c.output().slice(-3000)).join('\n---\n')}`); });
      oaA.expireAccessToken();
      for (let i = 0; i < 6; i++) {
        await addTask(tree.a);
        await addTask(tree.b);
      }
      await eventually(async () => oaA.sent.length >= 12 && oaB.sent.length >= 12, 60000, '12 messages from each OA');
      await new Promise((r) => setTimeout(r, 1000));
      expect([oaA.sent.length, oaB.sent.length]).toEqual([12, 12]);
      expect(oaA.sent.every((m) => m.templateId.startsWith('a-'))).toBe(true);
      expect(oaB.sent.every((m) => m.templateId.startsWith('b-'))).toBe(true);
      expect(oaA.refreshes).toEqual([{ refreshToken: 'refresh-0', ok: true }, { refreshToken: 'refresh-1', ok: true }]);
      expect(oaB.refreshes).toEqual([{ refreshToken: 'refresh-0', ok: true }]);
      expect(zns.sent).toEqual([]);
      expect(zns.violations).toEqual([]);
      expect(smtp.messages.filter((m) => m.to.some((a) => a.startsWith('tuphap.')))).toEqual([]);
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await t.close();
      await smtp.close();
      await zns.close();
    }
  }, 240_000);
});
