import type { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { SYSTEM } from '../../src/access/actor.js';
import { audit } from '../../src/audit/audit.js';
import { loadConfig } from '../../src/config/env.js';
import { Transactions } from '../../src/database/transactions.js';
import { DeliveryClaim } from '../../src/notifications/entities/delivery-claim.entity.js';
import { Notification } from '../../src/notifications/entities/notification.entity.js';
import { Mailer } from '../../src/notifications/mailer.service.js';
import { NotificationsRepository } from '../../src/notifications/notifications.repository.js';
import { Dispatch, NotificationsService, SendInFlight } from '../../src/notifications/notifications.service.js';
import { OrganizationRepository } from '../../src/organization/organization.repository.js';
import { RedisKeys } from '../../src/redis/redis-keys.js';
import { ZaloRepository } from '../../src/zalo/zalo.repository.js';
import { ZaloService } from '../../src/zalo/zalo.service.js';
import { startSmtp } from '../support/smtp.js';
import { openTestDatabase } from './db.js';
import { seeder } from './seed.js';

/**
 * Deliveries that run at once share their claims' transaction: first
 * attempts are claimed together, the rest (a key claimed before, the same key
 * twice, a delivery whose writes fail) one by one. Against a real database
 * (E2E_DATABASE) and a real SMTP peer; exactly once either way.
 */
describe(`notifications claimed in batches on ${process.env.E2E_DATABASE ?? 'sqlite'}`, () => {
  let db: DataSource;
  let close: () => Promise<void>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let service: NotificationsService;
  let mailer: Mailer;
  let officials: number[];

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    smtp = await startSmtp();
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', NODE_ENV: 'test', DEMO_PLAN: 'off', SMTP_URL: smtp.url }, { signsTokens: false });
    mailer = new Mailer(config);
    const zalo = new ZaloService(config, new ZaloRepository(db, config), new RedisKeys('test-batches'));
    service = new NotificationsService(new Transactions(db), new NotificationsRepository(db), new OrganizationRepository(db), mailer, zalo, config);
    const seed = seeder(db);
    const unit = await seed.unit('Xã Gửi Cùng Lúc');
    officials = [];
    for (let i = 0; i < 3; i++) officials.push((await seed.official(unit.id, `Cán bộ ${i}`, { email: `cb${i}@xa.vn` })).id);
  });
  afterAll(async () => {
    mailer.onApplicationShutdown();
    await smtp.close();
    await close();
  });

  const dispatch = (key: string, extra: Partial<Dispatch> = {}): Dispatch => ({
    key,
    about: { taskId: null, dueOn: '2026-12-01', kind: 'test' },
    inApp: [{ officialId: officials[0], title: `Tiêu đề ${key}`, body: 'Nội dung' }],
    record: (em, ids) => audit(em, SYSTEM, { unitId: null, entity: 'notification', entityId: ids[0], action: 'reminded', changes: { key: { from: null, to: key } } }),
    mail: { to: ['cb0@xa.vn'], subject: `Nhắc việc ${key}`, text: 'Nội dung' },
    ...extra,
  });
  const claim = (key: string) => db.getRepository(DeliveryClaim).findOneBy({ key });
  const notificationsOf = (key: string) => db.getRepository(Notification).findBy({ title: `Tiêu đề ${key}` });
  const mailsOf = (key: string) => smtp.messages.filter((m) => m.subject === `Nhắc việc ${key}`);

  it('first attempts running at once: each claimed, written, mailed and settled once; the audit names its own notification', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `a|${i}`);
    expect(await Promise.all(keys.map((k) => service.dispatch(dispatch(k))))).toEqual(keys.map(() => 'delivered'));
    for (const k of keys) {
      const c = await claim(k);
      expect(c?.notifiedAt).toBeInstanceOf(Date);
      expect(c?.mailedAt).toBeInstanceOf(Date);
      const [n, ...more] = await notificationsOf(k);
      expect(more).toEqual([]);
      const entry = await db.getRepository(AuditEntry).findOneByOrFail({ entity: 'notification', entityId: n.id });
      expect(entry.changes).toEqual({ key: { from: null, to: k } });
      expect(mailsOf(k)).toHaveLength(1);
    }
  });

  it('in-app only: delivered with the claim, nothing to settle', async () => {
    const keys = Array.from({ length: 10 }, (_, i) => `b|${i}`);
    expect(await Promise.all(keys.map((k) => service.dispatch(dispatch(k, { mail: null }))))).toEqual(keys.map(() => 'delivered'));
    for (const k of keys) {
      expect((await claim(k))?.mailedAt).toBeInstanceOf(Date);
      expect(await notificationsOf(k)).toHaveLength(1);
      expect(mailsOf(k)).toEqual([]);
    }
  });

  it('delivered ones sent again beside new ones: only the new go', async () => {
    const old = Array.from({ length: 10 }, (_, i) => `a|${i}`);
    const fresh = Array.from({ length: 5 }, (_, i) => `c|${i}`);
    const outcomes = await Promise.all([...old, ...fresh].map((k) => service.dispatch(dispatch(k))));
    expect(outcomes).toEqual([...old.map(() => 'already-delivered'), ...fresh.map(() => 'delivered')]);
    for (const k of old) {
      expect(await notificationsOf(k)).toHaveLength(1);
      expect(mailsOf(k)).toHaveLength(1);
    }
    for (const k of fresh) expect(mailsOf(k)).toHaveLength(1);
  });

  it('the same key twice at once: one delivers, the other finds it in flight; one notification, one mail', async () => {
    const results = await Promise.allSettled([service.dispatch(dispatch('d|1')), service.dispatch(dispatch('d|1')), service.dispatch(dispatch('d|2'))]);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<string>).value).sort()).toEqual(['delivered', 'delivered']);
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(SendInFlight);
    expect(await notificationsOf('d|1')).toHaveLength(1);
    expect(mailsOf('d|1')).toHaveLength(1);
    expect(mailsOf('d|2')).toHaveLength(1);
  });

  it("one delivery's writes fail: that one fails alone and leaves no claim; the others of its batch deliver", async () => {
    const broken = dispatch('e|broken', { record: async () => { throw new Error('ghi nhật ký thất bại'); } });
    const results = await Promise.allSettled([service.dispatch(dispatch('e|1')), service.dispatch(broken), service.dispatch(dispatch('e|2'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(((results[1] as PromiseRejectedResult).reason as Error).message).toBe('ghi nhật ký thất bại');
    expect(await claim('e|broken')).toBeNull();
    expect(await notificationsOf('e|broken')).toEqual([]);
    expect(mailsOf('e|broken')).toEqual([]);
    for (const k of ['e|1', 'e|2']) {
      expect(await notificationsOf(k)).toHaveLength(1);
      expect(mailsOf(k)).toHaveLength(1);
    }
    // and a later attempt of the failed one delivers it
    expect(await service.dispatch(dispatch('e|broken'))).toBe('delivered');
    expect(mailsOf('e|broken')).toHaveLength(1);
  });
});
