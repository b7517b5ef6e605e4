import { randomBytes } from 'node:crypto';
import { formatVnDate, todayLocal } from '../src/common/local-date.js';
import { open } from '../src/common/secret-box.js';
import { secretsKeyOf } from '../src/config/env.js';
import { SealedSecrets1765100000000 } from '../src/database/migrations/1765100000000-sealed-secrets.js';
import { MIGRATIONS } from '../src/schema.js';
import type { Client, TestApp } from './support/app.js';
import { freshDatabaseUrl, startApp } from './support/app.js';
import { seedUnit, TEST_PASSWORD } from './support/fixtures.js';
import { eventually, startSmtp } from './support/smtp.js';
import { startZns } from './support/zns.js';

/**
 * The Zalo secrets kept in the database (a province's app secret key, each
 * OA's token pair) are sealed with the install's key: the columns never hold
 * them in the clear, the app reads them back and sends, the migration seals
 * rows stored before it, and an app started with another key reports the
 * channel down in Vietnamese (reminders by e-mail) instead of failing.
 */
const INSTALL_TEMPLATES = { ZALO_TEMPLATE_BEFORE: 'tpl-before', ZALO_TEMPLATE_DUE: 'tpl-due', ZALO_TEMPLATE_OVERDUE: 'tpl-overdue', ZALO_TEMPLATE_DIGEST: 'tpl-digest' };
const PROVINCE = { appId: '2000000000000000001', secretKey: 'khoa-bi-mat-tinh-rieng', templates: ['p-before', 'p-due', 'p-overdue', 'p-digest'] };
const TEMPLATES = { templateBefore: 'p-before', templateDue: 'p-due', templateOverdue: 'p-overdue', templateDigest: 'p-digest' };
const UNREADABLE = /^Không giải mã được khóa bí mật hoặc mã của Zalo OA đã lưu: khóa mã hóa hiện tại/;

describe('Zalo secrets sealed at rest', () => {
  let zns: Awaited<ReturnType<typeof startZns>>;
  let oa: ReturnType<Awaited<ReturnType<typeof startZns>>['addOa']>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  let t: TestApp;
  let provinceId: number;
  let commune: { unitId: number; planId: number; chair: Client; email: string };
  let n = 0;

  const env = () => ({
    SMTP_URL: smtp.url, REMINDER_RETRY_MS: '200', ZALO_APP_ID: zns.appId, ZALO_SECRET_KEY: zns.secretKey, ZALO_REFRESH_TOKEN: 'refresh-0',
    ZALO_OAUTH_URL: zns.url, ZALO_API_URL: zns.url, ...INSTALL_TEMPLATES,
  });
  const addTask = async () => {
    const content = `Việc có tin Zalo được bảo mật số ${++n}`;
    const task = (await commune.chair.post(`/api/plans/${commune.planId}/tasks`).send({ phuLuc: 1, content, leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: `Trước ${formatVnDate(todayLocal())}` }).expect(201)).body.task;
    return { id: task.id as number, content };
  };
  const stored = async () => ({
    secretKey: (await t.db.query(`SELECT secret_key AS v FROM zalo_unit_settings WHERE unit_id = ${Number(provinceId)}`))[0].v as string,
    tokens: (await t.db.query(`SELECT scope, access_token AS "accessToken", refresh_token AS "refreshToken" FROM zalo_account ORDER BY scope`)) as { scope: string; accessToken: string | null; refreshToken: string }[],
  });

  beforeAll(async () => {
    zns = await startZns({ templates: Object.values(INSTALL_TEMPLATES) });
    oa = zns.addOa(PROVINCE);
    smtp = await startSmtp();
    database = await freshDatabaseUrl();
    // no SECRETS_KEY: the key is made in the data folder on first need
    t = await startApp({ database, env: env() });
    provinceId = (await t.admin.post('/api/units').send({ name: 'UBND tỉnh Bảo Mật' }).expect(201)).body.id;
    const { unitId, people, chair } = await seedUnit(t, 'UBND xã Bảo Mật', { parentId: provinceId, signIn: false });
    const email = 'tuphap.baomat@example.vn';
    await t.admin.patch(`/api/officials/${people.tuphap}`).send({ email, phone: '0912345009', notifyZalo: true, notifyEmail: false }).expect(200);
    const plan = (await chair.post('/api/plans').send({ unitId, number: '90/KH-UBND', title: 'Kế hoạch cải cách hành chính', year: Number(todayLocal().slice(0, 4)) }).expect(201)).body;
    await chair.post(`/api/plans/${plan.id}/issue`).send({}).expect(200);
    commune = { unitId, planId: plan.id, chair, email };
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await zns.close();
  });
  afterEach(() => expect(zns.violations).toEqual([]));

  it('stores the secret key and the tokens sealed, and reads them back to send', async () => {
    await t.admin.put(`/api/zalo/units/${provinceId}`).send({ appId: oa.appId, secretKey: PROVINCE.secretKey, refreshToken: 'refresh-0', ...TEMPLATES }).expect(200);
    const task = await addTask();
    await eventually(async () => oa.sent.some((m) => m.templateData.nhiem_vu === task.content), 15000, 'the province OA\'s message');
    // the refresh went with the secret key opened, and the pair Zalo gave is stored sealed
    expect(oa.refreshes).toEqual([{ refreshToken: 'refresh-0', ok: true }]);
    const s = await stored();
    const key = secretsKeyOf(t.config);
    expect(s.secretKey).toMatch(/^enc1:/);
    expect(s.secretKey).not.toContain(PROVINCE.secretKey);
    expect(open(key, s.secretKey)).toBe(PROVINCE.secretKey);
    const province = s.tokens.find((r) => r.scope === `unit:${provinceId}`)!;
    expect(province.refreshToken).toMatch(/^enc1:/);
    expect(province.refreshToken).not.toContain(oa.currentRefreshToken());
    expect(open(key, province.refreshToken)).toBe(oa.currentRefreshToken());
    expect(province.accessToken).toMatch(/^enc1:/);
    expect(open(key, province.accessToken!)).toMatch(/^access-2000000000000000001-/);
    const whole = JSON.stringify(await t.db.query('SELECT * FROM zalo_account')) + JSON.stringify(await t.db.query('SELECT * FROM zalo_unit_settings'));
    expect(whole).not.toContain(PROVINCE.secretKey);
    expect(whole).not.toContain('access-');
    expect(whole).not.toContain(oa.currentRefreshToken());
    // the API answers none of them
    expect(JSON.stringify((await t.admin.get(`/api/zalo/units/${provinceId}`).expect(200)).body)).not.toContain(PROVINCE.secretKey);

    // a second message reuses the stored (sealed) access token: no refresh
    const again = await addTask();
    await eventually(async () => oa.sent.some((m) => m.templateData.nhiem_vu === again.content), 15000, 'the second message');
    expect(oa.refreshes).toHaveLength(1);
  });

  it('the migration seals rows stored in the clear before it', async () => {
    // back to before the migration (and any after it): its down opens the rows again
    for (let i = MIGRATIONS.indexOf(SealedSecrets1765100000000); i < MIGRATIONS.length; i++) await t.db.undoLastMigration({ transaction: 'each' });
    const plain = await stored();
    expect(plain.secretKey).toBe(PROVINCE.secretKey);
    expect(plain.tokens.find((r) => r.scope === `unit:${provinceId}`)!.refreshToken).toBe(oa.currentRefreshToken());
    await t.db.runMigrations({ transaction: 'each' });
    const s = await stored();
    const key = secretsKeyOf(t.config);
    expect(s.secretKey).toMatch(/^enc1:/);
    expect(open(key, s.secretKey)).toBe(PROVINCE.secretKey);
    for (const r of s.tokens) {
      expect(r.refreshToken).toMatch(/^enc1:/);
      if (r.accessToken) expect(r.accessToken).toMatch(/^enc1:/);
    }
    // and the app goes on sending with them
    const task = await addTask();
    await eventually(async () => oa.sent.some((m) => m.templateData.nhiem_vu === task.content), 15000, 'a message after the migration');
  });

  it('started with another key: the channel is down with a clear message, reminders go by e-mail, nothing fails; new secrets bring it back', async () => {
    await t.app.close();
    t = await startApp({ database, env: { ...env(), SECRETS_KEY: randomBytes(32).toString('hex') } });
    const admin = t.admin;
    const { body: status } = await admin.get('/api/zalo').expect(200);
    const province = status.accounts.find((a: any) => a.unitId === provinceId);
    expect(province).toMatchObject({ status: 'down', problem: expect.stringMatching(UNREADABLE) });
    const settings = (await admin.get(`/api/zalo/units/${provinceId}`).expect(200)).body;
    expect(settings).toMatchObject({ configured: true, status: 'down', secretKeySet: false, problem: expect.stringMatching(UNREADABLE) });
    const health = (await t.anon.get('/api/health').expect(200)).body;
    expect(health).toMatchObject({ zalo: { status: 'down' } });
    expect(health.zalo.problem).toContain('Không giải mã được khóa bí mật');

    commune.chair = await t.login(commune.chair.me.username, TEST_PASSWORD);
    const attempts = oa.sendAttempts();
    const task = await addTask();
    const mail = await eventually(async () => smtp.messages.find((m) => m.subject.includes(task.content)), 15000, 'the mail instead');
    expect(mail.to).toEqual([commune.email]);
    expect(oa.sendAttempts()).toBe(attempts);
    const outcome = await eventually(async () => {
      const list = (await commune.chair.get(`/api/tasks/${task.id}/reminders`).expect(200)).body;
      const o = list.filter((r: any) => r.state === 'delivered').flatMap((r: any) => r.zalo).map((z: any) => z.outcome);
      return o.length && o.every((x: string) => x !== 'Đang gửi') ? o : null;
    }, 15000, 'the Zalo outcome');
    expect(outcome).toEqual([expect.stringMatching(/^Kênh Zalo đang ngừng: Không giải mã được khóa bí mật .*: gửi e-mail thay$/)]);

    // the administrator enters the secret key and a refresh token again: sealed under the new key, sending again
    await admin.put(`/api/zalo/units/${provinceId}`).send({ appId: oa.appId, secretKey: PROVINCE.secretKey, refreshToken: oa.currentRefreshToken(), ...TEMPLATES }).expect(200);
    const back = await addTask();
    await eventually(async () => oa.sent.some((m) => m.templateData.nhiem_vu === back.content), 15000, 'the province OA\'s message again');
    expect((await admin.get(`/api/zalo/units/${provinceId}`).expect(200)).body).toMatchObject({ status: 'up', secretKeySet: true, problem: null });
  });
});
