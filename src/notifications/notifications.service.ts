import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { inScope, UserActor } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { NotFound } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { ListNotificationsQuery } from './dto/notification.dto.js';
import { Notification } from './entities/notification.entity.js';
import { Mailer } from './mailer.service.js';
import { NotificationsRepository } from './notifications.repository.js';
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

export type DispatchOutcome = 'delivered' | 'already-delivered';

/**
 * Notifications, for reminders and reports alike: in-app (always) and mail
 * (when SMTP is set up and the official has an address). Exactly once: the
 * delivery claim's key is unique; the in-app notifications are written in the
 * claim's transaction, then the mail goes, then that is recorded. A retry
 * after a failed mail finds the notifications written and only mails again.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: NotificationsRepository,
    private readonly organization: OrganizationRepository,
    private readonly mailer: Mailer,
    private readonly zalo: ZaloService,
  ) {}

  get mailEnabled(): boolean {
    return this.mailer.enabled;
  }

  async dispatch(d: Dispatch): Promise<DispatchOutcome> {
    const mail = d.mail;
    // with Zalo messages, whether a mail goes (instead of one) is known only once they are settled
    const zalo = d.zalo ?? [];
    const mails = this.mailer.enabled && !!mail && (mail.to.length > 0 || (mail.cc?.length ?? 0) > 0);
    const claim = await this.tx.run(async (em) => {
      const c = await this.repo.claim(em, d.key, d.about);
      if (!c.notifiedAt) {
        const ids: number[] = [];
        for (const n of d.inApp) {
          ids.push(await this.repo.insert(em, { officialId: n.officialId, taskId: d.about.taskId, kind: d.about.kind, dueOn: d.about.dueOn, title: n.title, body: n.body }));
        }
        await d.record?.(em, ids);
        c.notifiedAt = new Date();
        await this.repo.markNotified(em, c.id, c.notifiedAt);
        // nothing to mail or send by Zalo: delivered with this one commit
        if (!mails && !zalo.length) {
          await this.repo.markMailed(em, c.id, c.notifiedAt);
          return { ...c, doneNow: true };
        }
      }
      return { ...c, doneNow: false };
    });
    if (claim.doneNow) return 'delivered';
    if (claim.mailedAt) return 'already-delivered';
    const instead: string[] = [];
    for (const z of zalo) {
      const sent = await this.sendZalo(d, z);
      if (!sent && z.email) instead.push(z.email);
    }
    const cc = mail?.cc ?? [];
    const to = [...new Set([...(mail?.to ?? []), ...instead])].filter((a) => !cc.includes(a) || (mail?.to ?? []).includes(a));
    if (this.mailer.enabled && mail && (to.length || cc.length)) {
      await this.mailer.send({
        to: to.length ? to : cc, cc: to.length ? cc : [],
        subject: mail.subject, text: mail.text, messageId: messageId(d.key),
      });
    }
    await this.tx.run((em) => this.repo.markMailed(em, claim.id, new Date()));
    return 'delivered';
  }

  /**
   * One Zalo message, at most once: its claim is committed as started before
   * the send, and settled after it. A claim found started but never settled
   * is a worker that died mid-send: Zalo may or may not have the message, so
   * it is not sent again, and goes by e-mail. True when Zalo took it.
   */
  private async sendZalo(d: Dispatch, z: ZaloMessage): Promise<boolean> {
    const key = `${d.key}|zalo|${z.officialId}`;
    const c = await this.tx.run((em) => this.repo.claim(em, key, { ...d.about, channel: 'zalo', officialId: z.officialId, unitId: z.unitId }));
    if (c.mailedAt) return c.outcome === 'sent';
    if (c.notifiedAt) {
      await this.tx.run((em) => this.repo.settle(em, c.id, 'Không rõ tin Zalo đã đến chưa (việc gửi bị dừng giữa chừng): không gửi lại, gửi e-mail thay', new Date()));
      return false;
    }
    await this.tx.run((em) => this.repo.markNotified(em, c.id, new Date()));
    let outcome: string;
    try {
      const r = await this.zalo.send({ phone: z.phone, template: z.template, data: z.data, trackingId: trackingId(key) }, { digest: z.digest });
      outcome = r.sent ? 'sent' : r.kind === 'near-quota' ? HELD_FOR_DIGEST : `${r.message}: gửi e-mail thay`;
    } catch (e) {
      // Zalo or Redis did not answer: by e-mail now rather than late
      outcome = `${(e as Error).message}: gửi e-mail thay`;
    }
    await this.tx.run((em) => this.repo.settle(em, c.id, outcome, new Date()));
    return outcome === 'sent';
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
    return this.repo.list(officialId, { unread: q.unread, limit: q.limit ?? 100 });
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

/** Zalo's tracking_id: deterministic per message and official, 40 characters. */
function trackingId(key: string): string {
  return createHash('sha1').update(key).digest('hex');
}

/** Deterministic, so a mail sent again after a crash is recognisably the same one. */
function messageId(key: string): string {
  return `<${createHash('sha1').update(key).digest('hex')}@cchc.reminders>`;
}
