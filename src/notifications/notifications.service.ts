import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { inScope, UserActor } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { Batcher, ItemResult } from '../common/batcher.js';
import { NotFound } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { Transactions } from '../database/transactions.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { ListNotificationsQuery } from './dto/notification.dto.js';
import { claimState } from './claim-state.js';
import { Notification } from './entities/notification.entity.js';
import { Mailer } from './mailer.service.js';
import { ClaimAbout, NotificationsRepository } from './notifications.repository.js';
import { ZaloService, type ZaloTemplateKind } from '../zalo/zalo.service.js';

/** A message to officials, in the app and by mail, delivered once under its key. */
export interface Dispatch {
  /** Unique: the message goes out once, however often it is sent again (a retried job, a rival worker). */
  key: string;
  /** What the claim records: a reminder's task, due date and kind; a notice's kind. */
  about: { taskId: number | null; dueOn: string | null; kind: string };
  /** The in-app notifications, written in the claim's transaction. */
  inApp: { officialId: number; title: string; body: string }[];
  /** More writes that belong with them, in the same transaction (the audit trail). */
  record?: (em: EntityManager, notificationIds: number[]) => Promise<void>;
  /** The mail, sent after that commit, and again on a retry until the SMTP server accepted it. */
  mail?: { to: string[]; cc?: string[]; subject: string; text: string } | null;
  /**
   * Zalo messages, one per official, each under a claim of its own, sent
   * after the in-app commit and before the mail: one that fails goes by
   * e-mail instead (its official's address joins the mail's recipients).
   */
  zalo?: ZaloMessage[];
}

export interface ZaloMessage {
  officialId: number;
  unitId: number;
  phone: string;
  template: ZaloTemplateKind;
  data: Record<string, string>;
  /** Where it goes instead when Zalo fails; null: in-app only. */
  email: string | null;
  /** A unit's digest near the quota: sent even though the quota is near. */
  digest?: boolean;
}

/** What a Zalo message held back near the quota is settled as: the unit's digest message counts them. */
export const HELD_FOR_DIGEST = 'Gần hết hạn mức tin ZNS trong ngày: gửi e-mail và gộp vào tin tổng hợp của đơn vị';

/** A Zalo message whose sender died mid-send: Zalo may or may not have it. */
export const ZALO_UNKNOWN = 'Không rõ tin Zalo đã đến chưa (việc gửi bị dừng giữa chừng): không gửi lại, gửi e-mail thay';

export type DispatchOutcome = 'delivered' | 'already-delivered';

/**
 * How long a claim (or a settlement) waits for those of the deliveries
 * running beside it, to share their transaction and its commit: 20 ms more
 * for a lone reminder, a commit (an fsync on SQLite) per batch rather than
 * per reminder when many are due at once (1,000 reminders due at once, one
 * worker: 667 commits and p99 lateness 4.9 s with 5 ms, 230 commits and
 * 4.2 s with 20 ms).
 */
const COMMIT_LINGER_MS = 20;

/**
 * The message's send is in flight in another process (its job was taken over
 * after a stall, while that process still sends): this attempt sends nothing
 * and the job tries again later, when the send is settled or its sender is
 * presumed dead (REMINDER_IN_FLIGHT_MS).
 */
export class SendInFlight extends Error {
  constructor() {
    super('Nhắc việc này đang được một tiến trình khác gửi; sẽ thử lại sau');
  }
}

/** A Zalo message of a begun delivery: its claim, and what came of it before (settled) or must now. */
interface ZaloStep {
  message: ZaloMessage;
  claimId: number;
  /** Settled by an earlier attempt: its outcome. */
  settled: string | null;
  /** Started by an earlier attempt that never settled it: not sent again. */
  unknown: boolean;
}

interface BeginItem {
  d: Dispatch;
  mails: boolean;
  now: Date;
}

/** The delivery has a mail or Zalo messages to send after its claim's commit (else in-app only: delivered with it). */
function sends(i: BeginItem): boolean {
  return i.mails || (i.d.zalo?.length ?? 0) > 0;
}

type Begun =
  | { kind: 'done' | 'already' | 'in-flight' }
  | { kind: 'send'; claimId: number; zalo: ZaloStep[] };

interface Finish {
  claimId: number;
  /** Zalo messages settled by this attempt, with the account each went through. */
  zalo: { claimId: number; outcome: string; scope: string | null }[];
  /** Why this attempt stopped before the mail was accepted; null: delivered. */
  failure: string | null;
}

/**
 * Notifications, for reminders and reports alike: in-app (always), Zalo (for
 * those who chose it) and mail (when SMTP is set up and the official has an
 * address). Exactly once per channel: the delivery claim's key is unique; the
 * in-app notifications, the audit entry and the claims of the Zalo messages
 * (marked started) are written in the claim's transaction; then the Zalo
 * messages and the mail go; then one more commit settles them.
 *
 * The claims of deliveries running at once in a process share one transaction
 * (and their settlements another), gathered for COMMIT_LINGER_MS: first
 * attempts are claimed and settled with a few statements for the whole batch,
 * anything else one by one, each in a savepoint of its own (beginAll(),
 * finishAll()). On SQLite, a single writer that commits with an fsync, 1,000
 * reminders due at the same instant make about 230 commits rather than
 * 1,650, and 4.2 statements a delivery rather than 19.2 (BENCH_SQL=1 of
 * bench/reminders.bench.ts).
 *
 * A retry after a failed mail (the attempt noted why, outcome) finds the
 * notifications written and only mails again. A send begun by another
 * attempt and not settled is either still in flight (its worker stalled and
 * lost the job's lock, but lives: SendInFlight, try later) or, after
 * REMINDER_IN_FLIGHT_MS, that of a dead worker: taken over, its Zalo messages
 * not sent again (by e-mail instead), the mail sent (again, under the same
 * Message-ID: it may never have reached the SMTP server).
 */
@Injectable()
export class NotificationsService {
  private readonly begins = new Batcher<BeginItem, Begun>((items) => this.tx.run((em) => this.beginAll(em, items)), 100, COMMIT_LINGER_MS);

  private readonly finishes = new Batcher<Finish, void>((items) => this.tx.run((em) => this.finishAll(em, items)), 100, COMMIT_LINGER_MS);

  constructor(
    private readonly tx: Transactions,
    private readonly repo: NotificationsRepository,
    private readonly organization: OrganizationRepository,
    private readonly mailer: Mailer,
    private readonly zalo: ZaloService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get mailEnabled(): boolean {
    return this.mailer.enabled;
  }

  async dispatch(d: Dispatch): Promise<DispatchOutcome> {
    const mail = d.mail;
    const mails = this.mailer.enabled && !!mail && (mail.to.length > 0 || (mail.cc?.length ?? 0) > 0);
    const begun = await this.begins.run({ d, mails, now: new Date() });
    if (begun.kind !== 'send') {
      if (begun.kind === 'in-flight') throw new SendInFlight();
      return begun.kind === 'done' ? 'delivered' : 'already-delivered';
    }

    // the Zalo messages, each at most once; one that fails goes by e-mail (its official's address joins the mail's)
    const settledNow: Finish['zalo'] = [];
    const instead: string[] = [];
    await Promise.all(begun.zalo.map(async (z) => {
      let outcome = z.settled;
      if (outcome === null) {
        const now = z.unknown ? { outcome: ZALO_UNKNOWN, scope: null } : await this.sendZalo(d, z.message);
        outcome = now.outcome;
        settledNow.push({ claimId: z.claimId, ...now });
      }
      if (outcome !== 'sent' && z.message.email) instead.push(z.message.email);
    }));
    const cc = mail?.cc ?? [];
    const to = [...new Set([...(mail?.to ?? []), ...instead])].filter((a) => !cc.includes(a) || (mail?.to ?? []).includes(a));
    if (this.mailer.enabled && mail && (to.length || cc.length)) {
      try {
        await this.mailer.send({
          to: to.length ? to : cc, cc: to.length ? cc : [],
          subject: mail.subject, text: mail.text, messageId: messageId(d.key),
        });
      } catch (e) {
        // noted, so the retry mails at once (and the Zalo messages settled, so it does not send them again)
        await this.finishes.run({ claimId: begun.claimId, zalo: settledNow, failure: `Gửi e-mail không thành công: ${(e as Error).message}` });
        throw e;
      }
    }
    await this.finishes.run({ claimId: begun.claimId, zalo: settledNow, failure: null });
    return 'delivered';
  }

  /**
   * A batch's part of the claims' transaction. The deliveries whose keys
   * nobody has claimed (the usual case: a message's first attempt) are
   * claimed together, in a savepoint, with a few statements for the whole
   * batch. The others (a retry, a take-over), or all of them when that fails
   * (a rival process claimed a key meanwhile, or one delivery's writes
   * failed), go one by one, each in a savepoint of its own (begin()).
   */
  private async beginAll(em: EntityManager, items: BeginItem[]): Promise<ItemResult<Begun>[]> {
    const keysOf = (i: BeginItem) => [i.d.key, ...(i.d.zalo ?? []).map((z) => zaloKey(i.d.key, z))];
    const claimed = await this.repo.claimedKeys(em, items.flatMap(keysOf));
    const fresh = items.filter((i) => keysOf(i).every((k) => !claimed.has(k)));
    const results = new Map<BeginItem, ItemResult<Begun>>();
    if (fresh.length) {
      try {
        const begun = await em.transaction((inner) => this.beginFresh(inner, fresh));
        fresh.forEach((i, k) => results.set(i, { value: begun[k] }));
      } catch {
        // rolled back to the savepoint: every one of them goes the careful way below
      }
    }
    const rest = items.filter((i) => !results.has(i));
    const one = await eachInSavepoint(em, rest, (inner, i) => this.begin(inner, i));
    rest.forEach((i, k) => results.set(i, one[k]));
    return items.map((i) => results.get(i)!);
  }

  /** First attempts, claimed together: their claims (and their Zalo messages' claims) in one insert. */
  private async beginFresh(em: EntityManager, items: BeginItem[]): Promise<Begun[]> {
    const ids = await this.repo.insertClaims(em, items.flatMap((i) => [
      // begun now; nothing to mail or send by Zalo: delivered with this commit
      { key: i.d.key, what: i.d.about, notifiedAt: i.now, mailedAt: sends(i) ? null : i.now },
      ...(i.d.zalo ?? []).map((z) => ({ key: zaloKey(i.d.key, z), what: zaloClaim(i.d, z), notifiedAt: i.now, mailedAt: null })),
    ]));
    const out: Begun[] = [];
    for (const i of items) {
      await this.writeInApp(em, i.d);
      out.push(sends(i)
        ? { kind: 'send', claimId: ids.get(i.d.key)!, zalo: (i.d.zalo ?? []).map((z) => ({ message: z, claimId: ids.get(zaloKey(i.d.key, z))!, settled: null, unknown: false })) }
        : { kind: 'done' });
    }
    return out;
  }

  /**
   * A batch's settlements, in a savepoint; one by one, each in a savepoint
   * of its own, if that fails.
   */
  private async finishAll(em: EntityManager, items: Finish[]): Promise<ItemResult<void>[]> {
    try {
      await em.transaction((inner) => this.settle(inner, items));
      return items.map(() => ({ value: undefined }));
    } catch {
      return eachInSavepoint(em, items, (inner, f) => this.settle(inner, [f]));
    }
  }

  /** Settlements: the Zalo messages in one statement per outcome, the failures noted, the mailed claims in one statement. */
  private async settle(em: EntityManager, items: Finish[]): Promise<void> {
    const at = new Date();
    const byOutcome = new Map<string, { outcome: string; accountScope: string | null; ids: number[] }>();
    for (const z of items.flatMap((f) => f.zalo)) {
      const k = JSON.stringify([z.outcome, z.scope]);
      if (!byOutcome.has(k)) byOutcome.set(k, { outcome: z.outcome, accountScope: z.scope, ids: [] });
      byOutcome.get(k)!.ids.push(z.claimId);
    }
    for (const g of byOutcome.values()) await this.repo.settleAll(em, g.ids, at, g);
    for (const f of items) if (f.failure) await this.repo.noteFailure(em, f.claimId, f.failure);
    await this.repo.settleAll(em, items.filter((f) => !f.failure).map((f) => f.claimId), at);
  }

  /** One delivery's part of the claims' transaction (in a savepoint of its own). */
  private async begin(em: EntityManager, i: BeginItem): Promise<Begun> {
    const { d, now } = i;
    // a new claim is inserted as begun (notifiedAt), in this same transaction
    const { claim: c, fresh } = await this.repo.start(em, d.key, d.about, now);
    const state = fresh ? 'new' : claimState(c, now, this.config.env.REMINDER_IN_FLIGHT_MS);
    if (state === 'delivered') return { kind: 'already' };
    if (state === 'in-flight') return { kind: 'in-flight' };
    if (state === 'new') {
      await this.writeInApp(em, d);
      // nothing to mail or send by Zalo: delivered with this one commit
      if (!sends(i)) {
        await this.repo.settleAll(em, [c.id], now);
        return { kind: 'done' };
      }
    } else if (!(await this.repo.takeOver(em, c, now))) {
      // a rival took it over first
      return { kind: 'in-flight' };
    }
    const steps: ZaloStep[] = [];
    for (const z of d.zalo ?? []) {
      const { claim, fresh } = await this.repo.start(em, zaloKey(d.key, z), zaloClaim(d, z), now);
      steps.push({ message: z, claimId: claim.id, settled: claim.mailedAt ? claim.outcome ?? 'sent' : null, unknown: !fresh && !claim.mailedAt });
    }
    return { kind: 'send', claimId: c.id, zalo: steps };
  }

  /** The in-app notifications of a delivery's first attempt, and what it records with them (the audit trail). */
  private async writeInApp(em: EntityManager, d: Dispatch): Promise<void> {
    const ids: number[] = [];
    for (const n of d.inApp) {
      ids.push(await this.repo.insert(em, { officialId: n.officialId, taskId: d.about.taskId, kind: d.about.kind, dueOn: d.about.dueOn, title: n.title, body: n.body }));
    }
    await d.record?.(em, ids);
  }

  /**
   * One Zalo message, its claim committed as started: what came of it, 'sent'
   * or why it goes by e-mail instead, and the account it went through.
   */
  private async sendZalo(d: Dispatch, z: ZaloMessage): Promise<{ outcome: string; scope: string | null }> {
    try {
      const r = await this.zalo.send({ unitId: z.unitId, phone: z.phone, template: z.template, data: z.data, trackingId: trackingId(zaloKey(d.key, z)) }, { digest: z.digest });
      return { outcome: r.sent ? 'sent' : r.kind === 'near-quota' ? HELD_FOR_DIGEST : `${r.message}: gửi e-mail thay`, scope: r.scope };
    } catch (e) {
      // Zalo or Redis did not answer: by e-mail now rather than late
      return { outcome: `${(e as Error).message}: gửi e-mail thay`, scope: null };
    }
  }

  /** Units whose Zalo reminders were held back near the quota since `since`, with how many. */
  heldBack(since: Date): Promise<{ unitId: number; count: number }[]> {
    return this.repo.heldBackPerUnit(since, HELD_FOR_DIGEST);
  }

  /**
   * The caller's notifications; a chairman or vice-chairman may name an
   * official of their unit. Anyone else's are as invisible as another commune's.
   */
  async list(actor: UserActor, q: ListNotificationsQuery): Promise<Notification[]> {
    const officialId = q.officialId ?? actor.officialId;
    if (officialId === null) return [];
    if (officialId !== actor.officialId) {
      const official = await this.organization.official(officialId);
      const leader = actor.role === 'chairman' || actor.role === 'vice_chairman';
      if (!official || !leader || !inScope(actor, official.unitId)) throw new NotFound('cán bộ, công chức', officialId);
    }
    return this.repo.list(officialId, { unread: q.unread, limit: q.limit ?? 100, beforeId: q.beforeId });
  }

  /** How many of the caller's notifications are unread: the header's count, without reading them. */
  async unreadCount(actor: UserActor): Promise<{ count: number }> {
    if (actor.officialId === null) return { count: 0 };
    return { count: await this.repo.unreadCount(actor.officialId) };
  }

  markRead(actor: UserActor, id: number): Promise<Notification> {
    return this.tx.run(async (em) => {
      const n = await this.repo.byId(em, id);
      if (!n) throw new NotFound('thông báo', id);
      if (!n.readAt) {
        n.readAt = new Date();
        await this.repo.markRead(em, id, n.readAt);
        await audit(em, actor, { unitId: actor.unitId, entity: 'notification', entityId: id, action: 'read', changes: { readAt: { from: null, to: n.readAt } } });
      }
      return n;
    });
  }
}

/** The claim of one Zalo message: the message's key and its official. */
function zaloKey(key: string, z: ZaloMessage): string {
  return `${key}|zalo|${z.officialId}`;
}

/** What the claim of one Zalo message records: the message's, its channel, official and unit. */
function zaloClaim(d: Dispatch, z: ZaloMessage): ClaimAbout {
  return { ...d.about, channel: 'zalo', officialId: z.officialId, unitId: z.unitId };
}

/**
 * Each item's work in a savepoint of its own within one transaction: an item
 * that fails is rolled back alone, and answers its error; the others commit.
 */
async function eachInSavepoint<I, O>(em: EntityManager, items: I[], work: (em: EntityManager, item: I) => Promise<O>): Promise<ItemResult<O>[]> {
  const out: ItemResult<O>[] = [];
  for (const item of items) {
    try {
      out.push({ value: await em.transaction((inner) => work(inner, item)) });
    } catch (error) {
      out.push({ error });
    }
  }
  return out;
}

/** Zalo's tracking_id: deterministic per message and official, 40 characters. */
function trackingId(key: string): string {
  return createHash('sha1').update(key).digest('hex');
}

/** Deterministic, so a mail sent again after a crash is recognisably the same one. */
function messageId(key: string): string {
  return `<${createHash('sha1').update(key).digest('hex')}@cchc.reminders>`;
}
