import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { formatVnDate, todayLocal } from '../src/common/local-date.js';
import { digestDue } from '../src/reminders/reminder-plan.js';
import { ReminderDeliveryService } from '../src/reminders/reminder-delivery.service.js';
import { JOBS } from '../src/queue/queue-names.js';
import { Queues } from '../src/queue/queues.service.js';
import { startApp, TestApp } from './support/app.js';
import { createPlan, seedUnit } from './support/fixtures.js';
import { eventually, startSmtp } from './support/smtp.js';
import { startZns } from './support/zns.js';

/**
 * Reminders by Zalo (ZNS) against a local fake of Zalo's hosts that checks
 * every request as the documentation describes it (test/support/zns.ts) and
 * a real SMTP peer: the message reaches the phone with its template and data,
 * tokens are refreshed once, each documented error leads to its behaviour
 * (e-mail instead, channel down, a digest near the quota), and nothing is
 * sent twice when a worker dies mid-send.
 */
const vn = formatVnDate;
const TEMPLATES = { ZALO_TEMPLATE_BEFORE: 'tpl-before', ZALO_TEMPLATE_DUE: 'tpl-due', ZALO_TEMPLATE_OVERDUE: 'tpl-overdue', ZALO_TEMPLATE_DIGEST: 'tpl-digest' };

function zaloEnv(zns: Awaited<ReturnType<typeof startZns>>): Record<string, string> {
  return {
    ZALO_APP_ID: zns.appId, ZALO_SECRET_KEY: zns.secretKey, ZALO_REFRESH_TOKEN: 'refresh-0',
    ZALO_OAUTH_URL: zns.url, ZALO_API_URL: zns.url, ...TEMPLATES,
  };
}

async function setup(t: TestApp, number: string) {
  const { unitId, people } = await seedUnit(t);
  // Zalo only for the official (e-mail only when Zalo fails); both for the chairman
  await t.http.patch(`/api/officials/${people.tuphap}`).send({ email: 'tuphap@example.vn', phone: '0912 345 678', notifyZalo: true, notifyEmail: false }).expect(200);
  await t.http.patch(`/api/officials/${people.chairman}`).send({ email: 'chutich@example.vn', phone: '+84 987.654.321', notifyZalo: true }).expect(200);
  const plan = await createPlan(t, unitId, { number, year: Number(todayLocal().slice(0, 4)) });
  await t.http.post(`/api/plans/${plan.id}/issue`).send({}).expect(200);
  return { unitId, people, planId: plan.id as number };
}

describe('reminders by Zalo', () => {
  let t: TestApp;
  let zns: Awaited<ReturnType<typeof startZns>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let people: Record<string, number>;
  let unitId: number;
  let planId: number;
  let n = 0;

  beforeAll(async () => {
    zns = await startZns({ templates: Object.values(TEMPLATES) });
    smtp = await startSmtp();
    t = await startApp({ env: { SMTP_URL: smtp.url, REMINDER_RETRY_MS: '200', ...zaloEnv(zns) } });
    ({ unitId, people, planId } = await setup(t, '50/KH-UBND'));
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await zns.close();
  });
  afterEach(() => expect(zns.violations).toEqual([]));

  /** A task of the official's due today: its reminder goes at once. */
  const addTask = async () => {
    const content = `Việc nhắc qua Zalo số ${++n}`;
    const task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1, content, leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: `Trước ${vn(todayLocal())}` }).expect(201)).body.task;
    return { ...task, content } as { id: number; ordinal: number; content: string };
  };
  const zaloOf = (content: string) => zns.sent.filter((m) => m.templateData.nhiem_vu === content);
  const mailsOf = (content: string) => smtp.messages.filter((m) => m.subject.includes(content));
  const zaloOutcomes = async (taskId: number) => {
    const list = (await t.http.get(`/api/tasks/${taskId}/reminders`).expect(200)).body;
    return list.filter((r: any) => r.state === 'delivered').flatMap((r: any) => r.zalo);
  };
  const settled = (taskId: number) => eventually(async () => {
    const o = await zaloOutcomes(taskId);
    return o.length && o.every((x: any) => x.outcome !== 'Đang gửi') ? o : null;
  }, 15000, 'the Zalo outcome');

  it('stores a mobile number as 84…, refuses one that is not, and Zalo without a number', async () => {
    const bad = await t.http.patch(`/api/officials/${people.vanhoa}`).send({ phone: '024 3812 3456' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('phone: số điện thoại di động không hợp lệ');
    const none = await t.http.patch(`/api/officials/${people.vanhoa}`).send({ notifyZalo: true }).expect(400);
    expect(JSON.stringify(none.body)).toContain('cần có số điện thoại');
    const ok = await t.http.patch(`/api/officials/${people.vanhoa}`).send({ phone: '0912.000.111' }).expect(200);
    expect(ok.body).toMatchObject({ phone: '84912000111', notifyZalo: false, notifyEmail: true });
    expect((await t.http.get(`/api/officials/${people.tuphap}`).expect(200)).body).toMatchObject({ phone: '84912345678', notifyZalo: true, notifyEmail: false });
  });

  it('sends the reminder to the official\'s phone with the template of its kind and its data, and no mail to one who chose Zalo only', async () => {
    const task = await addTask();
    const [m] = await eventually(async () => (zaloOf(task.content).length ? zaloOf(task.content) : null), 15000, 'the ZNS message');
    const [note] = (await t.http.get(`/api/notifications?officialId=${people.tuphap}`).expect(200)).body.filter((x: any) => x.taskId === task.id);
    // due today: the due-day reminder, or (before 07:30) the day-before one sent at once
    expect(m.templateId).toBe(note.kind === 'due' ? 'tpl-due' : 'tpl-before');
    expect(m).toMatchObject({ phone: '84912345678', mode: null });
    expect(m.templateData).toEqual({
      ten_can_bo: 'Hoàng Văn Pháp', nhiem_vu: task.content, han_hoan_thanh: vn(todayLocal()),
      tinh_trang: 'Đến hạn hôm nay', vi_tri: `Phụ lục 01, số ${task.ordinal}`, ke_hoach: expect.any(String),
    });
    expect(m.trackingId).toMatch(/^[0-9a-f]{40}$/);
    expect(await settled(task.id)).toEqual([{ officialId: people.tuphap, sent: true, outcome: 'Đã gửi qua Zalo' }]);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsOf(task.content)).toEqual([]);
    expect(zns.refreshes).toEqual([{ refreshToken: 'refresh-0', ok: true }]);
  });

  it('refreshes an expired access token once, and the message goes', async () => {
    zns.expireAccessToken();
    const task = await addTask();
    await eventually(async () => zaloOf(task.content).length === 1, 15000, 'the ZNS message');
    expect(zns.refreshes.map((r) => r.ok)).toEqual([true, true]);
    expect(zns.refreshes[1].refreshToken).toBe('refresh-1');
  });

  it('a number without Zalo, a template not approved: by e-mail instead, shown on the task and to the administrator', async () => {
    zns.failNext('84912345678', -118);
    const a = await addTask();
    const mail = await eventually(async () => mailsOf(a.content)[0], 15000, 'the mail instead');
    expect(mail.to).toEqual(['tuphap@example.vn']);
    expect(zaloOf(a.content)).toEqual([]);
    expect(await settled(a.id)).toEqual([{ officialId: people.tuphap, sent: false, outcome: 'Số điện thoại chưa đăng ký Zalo hoặc tài khoản đã bị vô hiệu hóa: gửi e-mail thay' }]);

    zns.failNext('*', -131);
    const b = await addTask();
    await eventually(async () => mailsOf(b.content)[0], 15000, 'the mail instead');
    expect((await settled(b.id))[0].outcome).toBe('Mẫu tin ZNS chưa được phê duyệt: gửi e-mail thay');
    const status = (await t.admin.get('/api/zalo').expect(200)).body;
    expect(status).toMatchObject({ configured: true, status: 'up', mode: 'production', appId: zns.appId, secretKey: '••••dung', templates: { due: 'tpl-due' } });
    expect(status.secretKey).not.toContain(zns.secretKey.slice(0, 8));
    expect(status.problem).toMatch(/chưa được phê duyệt/);
    expect(status.units).toEqual([{ unitId, unitName: 'UBND xã Thử Nghiệm', sent: 2, fellBack: 2 }]);
    // only administrators
    await t.http.get('/api/zalo').expect(403);
  });

  it('a token refused after its refresh: the channel is down, reminders by e-mail, health says so; a new refresh token brings it back', async () => {
    zns.failNext('*', -124, -124);
    const a = await addTask();
    await eventually(async () => mailsOf(a.content)[0], 15000, 'the mail instead');
    expect((await settled(a.id))[0].outcome).toBe('Mã truy cập Zalo bị từ chối cả sau khi làm mới: gửi e-mail thay');
    const health = (await t.anon.get('/api/health').expect(200)).body;
    expect(health).toMatchObject({ status: 'degraded', zalo: { status: 'down' } });
    expect(health.notes.join(' ')).toContain('Kênh Zalo ngừng');
    // down: not tried again
    const attempts = zns.sendAttempts();
    const b = await addTask();
    await eventually(async () => mailsOf(b.content)[0], 15000, 'the mail instead');
    expect(zns.sendAttempts()).toBe(attempts);
    expect((await settled(b.id))[0].outcome).toMatch(/^Kênh Zalo đang ngừng: /);

    // a refresh token that is not Zalo's: refused at the first refresh, the channel stays down
    await t.admin.put('/api/zalo/refresh-token').send({ refreshToken: '   ' }).expect(400);
    expect((await t.admin.put('/api/zalo/refresh-token').send({ refreshToken: 'sai-refresh-token' }).expect(200)).body).toMatchObject({ status: 'down' });
    expect((await t.admin.get('/api/zalo').expect(200)).body.problem).toMatch(/^Không làm mới được mã truy cập Zalo/);
    // the right one: up again
    const up = (await t.admin.put('/api/zalo/refresh-token').send({ refreshToken: zns.currentRefreshToken() }).expect(200)).body;
    expect(up).toMatchObject({ status: 'up', problem: null, remainingQuota: expect.any(Number) });
    const c = await addTask();
    await eventually(async () => zaloOf(c.content).length === 1, 15000, 'the ZNS message');
    expect((await t.anon.get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', zalo: { status: 'up' } });
  });

  it('near the quota, a unit\'s reminders go by e-mail and as one digest message to its chairman', async () => {
    zns.setQuota(100, 51);
    const status = (await t.admin.get('/api/zalo').expect(200)).body;
    expect(status).toMatchObject({ dailyQuota: 100, remainingQuota: 49, nearQuota: true });
    const attempts = zns.sendAttempts();
    const task = await addTask();
    await eventually(async () => mailsOf(task.content)[0], 15000, 'the mail');
    expect((await settled(task.id))[0].outcome).toBe('Gần hết hạn mức tin ZNS trong ngày: gửi e-mail và gộp vào tin tổng hợp của đơn vị');
    expect(zns.sendAttempts()).toBe(attempts);
    // the digest goes at the unit's reminder time (here midnight: any time of a working day)
    await t.admin.patch(`/api/units/${unitId}`).send({ reminderTime: '00:00' }).expect(200);
    const delivery = t.app.get(ReminderDeliveryService);
    const due = digestDue(new Date(), '00:00');
    expect(await delivery.sendZaloDigests()).toBe(due ? 1 : 0);
    expect(await delivery.sendZaloDigests()).toBe(0);
    const digests = zns.sent.filter((m) => m.templateId === 'tpl-digest');
    if (due) {
      expect(digests).toEqual([expect.objectContaining({ phone: '84987654321', templateData: { don_vi: 'UBND xã Thử Nghiệm', so_nhac_viec: '1', ngay: vn(todayLocal()), lien_ket: expect.stringMatching(/^http/) } })]);
    } else {
      expect(digests).toEqual([]);
    }
  });

  it('the quota spent (Zalo answers -144): by e-mail, and Zalo not tried again that day', async () => {
    // the reminders due by now are delivered first (between local midnight and the reminder time the
    // unit's time set to 00:00 above makes the earlier tasks' due-day reminders go now): only a's and b's follow
    const queue = t.app.get(Queues).for(JOBS.remind);
    await eventually(async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
      const delayed = await queue.getDelayed();
      return c.waiting + c.active + c.prioritized === 0 && delayed.every((j) => j.timestamp + (j.delay ?? 0) > Date.now() + 1000);
    }, 30000, 'the reminders due by now to be delivered');
    // the app learns there is plenty left, then Zalo's count runs out behind its back
    zns.setQuota(1000, 0);
    expect((await t.admin.get('/api/zalo').expect(200)).body).toMatchObject({ remainingQuota: 1000, nearQuota: false });
    zns.setQuota(1000, 1000);
    const attempts = zns.sendAttempts();
    const a = await addTask();
    await eventually(async () => mailsOf(a.content)[0], 15000, 'the mail');
    expect((await settled(a.id))[0].outcome).toBe('Zalo OA đã hết hạn mức gửi tin ZNS trong ngày: gửi e-mail thay');
    const b = await addTask();
    await eventually(async () => mailsOf(b.content)[0], 15000, 'the mail');
    expect((await settled(b.id))[0].outcome).toBe('Zalo OA đã hết hạn mức gửi tin ZNS trong ngày: gửi e-mail thay');
    expect(zns.sendAttempts() - attempts).toBe(1);
  });
});

// ------------------------------------------------------------------ worker processes

function startWorker(t: TestApp, smtpUrl: string, zns: Awaited<ReturnType<typeof startZns>>, env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['dist/worker.js'], {
    env: {
      PATH: process.env.PATH,
      SQLITE_NATIVE_BINDING: process.env.SQLITE_NATIVE_BINDING,
      NODE_ENV: 'production',
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.config.env.REDIS_URL,
      QUEUE_PREFIX: t.config.env.QUEUE_PREFIX,
      SMTP_URL: smtpUrl,
      REMINDER_LOCK_MS: '1500',
      REMINDER_RETRY_MS: '200',
      ...zaloEnv(zns),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  return Object.assign(child, { output: () => out });
}

describe('reminders by Zalo, with worker processes', () => {
  const children: ChildProcess[] = [];
  beforeAll(() => {
    if (!existsSync('dist/worker.js')) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  });
  const killChildren = () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  afterEach(killChildren);

  it('two processes refresh an expired token once between them', async () => {
    const zns = await startZns();
    const smtp = await startSmtp();
    const t = await startApp({ env: { WORKER: 'off', SMTP_URL: smtp.url, ...zaloEnv(zns) } });
    try {
      const { planId } = await setup(t, '51/KH-UBND');
      children.push(startWorker(t, smtp.url, zns), startWorker(t, smtp.url, zns));
      for (let i = 0; i < 12; i++) {
        await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1 + (i % 7), content: `Việc hai tiến trình ${i}`, leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: `Trước ${vn(todayLocal())}` }).expect(201);
      }
      await eventually(async () => zns.sent.length >= 12, 30000, '12 ZNS messages');
      // the first access token, taken once for both processes
      expect(zns.refreshes).toEqual([{ refreshToken: 'refresh-0', ok: true }]);
      zns.expireAccessToken();
      for (let i = 12; i < 24; i++) {
        await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1 + (i % 7), content: `Việc hai tiến trình ${i}`, leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: `Trước ${vn(todayLocal())}` }).expect(201);
      }
      await eventually(async () => zns.sent.length >= 24, 30000, '24 ZNS messages');
      await new Promise((r) => setTimeout(r, 1000));
      expect(zns.sent).toHaveLength(24);
      expect(new Set(zns.sent.map((m) => m.trackingId)).size).toBe(24);
      expect(zns.refreshes).toEqual([{ refreshToken: 'refresh-0', ok: true }, { refreshToken: 'refresh-1', ok: true }]);
      expect(zns.violations).toEqual([]);
      expect(smtp.messages.filter((m) => m.to.includes('tuphap@example.vn'))).toEqual([]);
    } finally {
      killChildren();
      await t.close();
      await smtp.close();
      await zns.close();
    }
  });

  it('a worker killed while Zalo has the message: not sent again, by e-mail instead', async () => {
    const zns = await startZns();
    const smtp = await startSmtp();
    const t = await startApp({ env: { WORKER: 'off', SMTP_URL: smtp.url, ...zaloEnv(zns) } });
    try {
      const { planId } = await setup(t, '52/KH-UBND');
      zns.hangNextSend(1);
      // a send not settled after 3 s is presumed dead (the killed worker's)
      const first = startWorker(t, smtp.url, zns, { REMINDER_IN_FLIGHT_MS: '3000' });
      children.push(first);
      const task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 2, content: 'Việc bị gián đoạn khi gửi Zalo', leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: `Trước ${vn(todayLocal())}` }).expect(201)).body.task;
      await eventually(async () => zns.sendAttempts() === 1, 20000, 'the first ZNS attempt');
      first.kill('SIGKILL');
      await new Promise((resolve) => first.on('exit', resolve));
      children.push(startWorker(t, smtp.url, zns, { REMINDER_IN_FLIGHT_MS: '3000' }));
      const mail = await eventually(async () => smtp.messages.find((m) => m.subject.includes('Việc bị gián đoạn khi gửi Zalo')), 30000, 'the mail from the second worker');
      expect(mail.to).toEqual(['tuphap@example.vn']);
      await new Promise((r) => setTimeout(r, 1500));
      expect(zns.sendAttempts()).toBe(1);
      expect(smtp.messages.filter((m) => m.subject.includes('Việc bị gián đoạn khi gửi Zalo'))).toHaveLength(1);
      const list = (await t.http.get(`/api/tasks/${task.id}/reminders`).expect(200)).body.filter((r: any) => r.state === 'delivered');
      expect(list[0].zalo[0].outcome).toMatch(/^Không rõ tin Zalo đã đến chưa/);
      const [row] = await t.db.query(`SELECT COUNT(*) AS n FROM notification WHERE task_id = ${Number(task.id)}`);
      expect(Number(row.n)).toBe(1);
    } finally {
      killChildren();
      await t.close();
      await smtp.close();
      await zns.close();
    }
  });
});
