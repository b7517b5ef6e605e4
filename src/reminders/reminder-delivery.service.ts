import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/errors.js';
import { addDays as addLocalDays, localDateOf } from '../common/local-date.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { Transactions } from '../database/transactions.js';
import { Official } from '../organization/entities/official.entity.js';
import { Notification } from './entities/notification.entity.js';
import { SYSTEM } from '../auth/actor.js';
import { audit } from '../audit/audit.js';
import { ReminderDelivery } from './entities/reminder-delivery.entity.js';
import { Mailer } from './mailer.service.js';
import { digestMessage, DigestLine, reminderMessage } from './reminder-message.js';
import { DEFAULT_REMINDER_SETTINGS, reminderDay, reminderJobId } from './reminder-plan.js';
import { RemindJobData, ReminderScheduler } from './reminder-scheduler.service.js';

export type DeliveryOutcome = 'delivered' | 'skipped' | 'already-delivered';

interface TaskFacts {
  task_id: number;
  task_status: string;
  plan_status: string;
  plan_title: string;
  unit_id: number;
  every: number | null;
  content: string;
  ordinal: number;
  phu_luc: number;
  assignee_id: number | null;
  completed_on: string | null;
}

/**
 * Delivers one reminder exactly once. The worker re-reads the task (done, or
 * its due date changed: nothing is sent), claims the delivery key, writes the
 * in-app notifications in the claim's transaction, then mails. A retry after a
 * failed mail finds the notifications written and only mails again.
 */
@Injectable()
export class ReminderDeliveryService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly mailer: Mailer,
    private readonly scheduler: ReminderScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private link(taskId: number): string {
    const base = this.config.env.PUBLIC_URL ?? `http://localhost:${this.config.env.PORT}`;
    return `${base.replace(/\/$/, '')}/#task-${taskId}`;
  }

  async deliver(data: RemindJobData): Promise<DeliveryOutcome> {
    const jobId = reminderJobId(data.taskId, data.dueOn, data.kind);
    const facts = await this.facts(data.taskId, data.dueOn);
    if (!facts || facts.task_status !== 'open' || facts.plan_status !== 'issued' || facts.completed_on !== null) {
      await this.scheduler.forget(data.taskId, jobId);
      return 'skipped';
    }
    const every = Number(facts.every ?? DEFAULT_REMINDER_SETTINGS.overdueEveryDays);
    const key = `${data.taskId}|${data.dueOn}|${data.kind}|${reminderDay(data.kind, data.dueOn, every)}`;
    const overdue = data.kind.startsWith('overdue-');
    const officials = await this.db.getRepository(Official).findBy({ unitId: facts.unit_id, active: true });
    const assignee = officials.find((o) => o.id === facts.assignee_id) ?? null;
    const chairmen = officials.filter((o) => o.role === 'chairman');
    // the lead official; the chairman too when overdue, or instead when nobody leads it yet
    const recipients = uniqueById([...(assignee ? [assignee] : chairmen), ...(overdue ? chairmen : [])]);
    const message = (forChairman: boolean) => reminderMessage({
      kind: data.kind, taskId: data.taskId, dueOn: data.dueOn, sentOn: localDateOf(), phuLuc: Number(facts.phu_luc), ordinal: Number(facts.ordinal),
      content: facts.content, planTitle: facts.plan_title, assigneeName: assignee?.fullName ?? null, link: this.link(data.taskId),
    }, forChairman);

    const delivery = await this.tx.run(async (em) => {
      const claim = await this.claim(em, key, { taskId: data.taskId, dueOn: data.dueOn, kind: data.kind });
      if (!claim.notifiedAt) {
        for (const r of recipients) {
          const m = message(r.id !== assignee?.id);
          await em.insert(Notification, { officialId: r.id, taskId: data.taskId, kind: data.kind, dueOn: data.dueOn, title: m.title, body: m.body });
        }
        await audit(em, SYSTEM, {
          unitId: Number(facts.unit_id), entity: 'task', entityId: data.taskId, action: 'reminded',
          changes: { reminder: { from: null, to: { kind: data.kind, dueOn: data.dueOn, recipients: recipients.map((r) => r.fullName) } } },
        });
        claim.notifiedAt = new Date();
        await em.update(ReminderDelivery, claim.id, { notifiedAt: claim.notifiedAt });
      }
      return claim;
    });
    if (delivery.mailedAt) return 'already-delivered';

    if (this.mailer.enabled) {
      const wantsMail = (o: Official) => !!o.email && o.reminderMode === 'each';
      const to = assignee ? (wantsMail(assignee) ? [assignee.email!] : []) : chairmen.filter(wantsMail).map((o) => o.email!);
      const cc = assignee && overdue ? chairmen.filter(wantsMail).map((o) => o.email!) : [];
      if (to.length || cc.length) {
        const m = message(!assignee);
        await this.mailer.send({ to: to.length ? to : cc, cc: to.length ? cc : [], subject: m.subject, text: m.text, messageId: messageId(key) });
      }
    }
    await this.tx.run((em) => em.update(ReminderDelivery, delivery.id, { mailedAt: new Date() }));
    await this.scheduler.forget(data.taskId, jobId);
    if (overdue) await this.scheduler.scheduleNextOverdue(data.taskId, data.dueOn);
    return 'delivered';
  }

  /**
   * Any other message to officials (a report is ready, …), delivered once under
   * its key by the same claim as reminders: in-app for each, mail to those with
   * an address.
   */
  async announce(
    key: string,
    recipients: Official[],
    m: { kind: string; title: string; body: string; subject: string; text: string },
  ): Promise<void> {
    const claim = await this.tx.run(async (em) => {
      const c = await this.claim(em, key, { taskId: null, dueOn: null, kind: m.kind });
      if (!c.notifiedAt) {
        for (const r of recipients) {
          const row = await em.insert(Notification, { officialId: r.id, taskId: null, kind: m.kind, dueOn: null, title: m.title, body: m.body });
          await audit(em, SYSTEM, {
            unitId: r.unitId, entity: 'notification', entityId: Number(row.identifiers[0].id), action: 'created',
            changes: { title: { from: null, to: m.title }, officialId: { from: null, to: r.id } },
          });
        }
        c.notifiedAt = new Date();
        await em.update(ReminderDelivery, c.id, { notifiedAt: c.notifiedAt });
      }
      return c;
    });
    if (claim.mailedAt) return;
    const to = recipients.filter((r) => r.email).map((r) => r.email!);
    if (this.mailer.enabled && to.length) {
      await this.mailer.send({ to, subject: m.subject, text: m.text, messageId: messageId(key) });
    }
    await this.tx.run((em) => em.update(ReminderDelivery, claim.id, { mailedAt: new Date() }));
  }

  /** The key is unique: the first attempt inserts it, a retry or a rival worker finds it. */
  private async claim(em: EntityManager, key: string, what: { taskId: number | null; dueOn: string | null; kind: string }): Promise<ReminderDelivery> {
    const existing = await em.findOneBy(ReminderDelivery, { key });
    if (existing) return existing;
    try {
      // a savepoint, so that losing the race does not abort the surrounding transaction on PostgreSQL
      return await em.transaction((inner) => inner.save(ReminderDelivery, inner.create(ReminderDelivery, { key, ...what, notifiedAt: null, mailedAt: null })));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return em.findOneByOrFail(ReminderDelivery, { key });
    }
  }

  private async facts(taskId: number, dueOn: string): Promise<TaskFacts | null> {
    const sql = `SELECT t.id AS task_id, t.status AS task_status, p.status AS plan_status, p.title AS plan_title, p.unit_id AS unit_id,
        u.overdue_every_days AS every, t.content AS content, t.ordinal AS ordinal, pl.number AS phu_luc,
        t.assignee_id AS assignee_id, d.completed_on AS completed_on
      FROM task t JOIN plan p ON p.id = t.plan_id JOIN unit u ON u.id = p.unit_id JOIN phu_luc pl ON pl.id = t.phu_luc_id
      JOIN task_due_date d ON d.task_id = t.id AND d.due_on = :dueOn
      WHERE t.id = :taskId`;
    const rows: TaskFacts[] = await this.db.query(...this.db.driver.escapeQueryWithParameters(sql, { taskId, dueOn }));
    return rows[0] ?? null;
  }

  /**
   * The 07:30 mail for officials who chose one a day: their open tasks due
   * within 7 days and those overdue, once per official and day.
   */
  async sendDigests(now = new Date()): Promise<number> {
    if (!this.mailer.enabled) return 0;
    const today = localDateOf(now);
    const horizon = addLocalDays(today, 7);
    const officials = await this.db.getRepository(Official).findBy({ reminderMode: 'digest', active: true });
    let sent = 0;
    for (const o of officials) {
      if (!o.email) continue;
      const sql = `SELECT d.due_on AS due_on, t.content AS content, pl.number AS phu_luc, t.ordinal AS ordinal
        FROM task t JOIN plan p ON p.id = t.plan_id JOIN phu_luc pl ON pl.id = t.phu_luc_id JOIN task_due_date d ON d.task_id = t.id
        WHERE t.assignee_id = :officialId AND t.status = 'open' AND p.status = 'issued'
          AND d.completed_on IS NULL AND d.due_on IS NOT NULL AND d.due_on <= :horizon
        ORDER BY d.due_on, pl.number, t.ordinal`;
      const rows: { due_on: string; content: string; phu_luc: number; ordinal: number }[] =
        await this.db.query(...this.db.driver.escapeQueryWithParameters(sql, { officialId: o.id, horizon }));
      if (!rows.length) continue;
      const key = `digest|${o.id}|${today}`;
      const claim = await this.tx.run((em) => this.claim(em, key, { taskId: null, dueOn: today, kind: 'digest' }));
      if (claim.mailedAt) continue;
      const lines: DigestLine[] = rows.map((r) => ({ dueOn: r.due_on, content: r.content, phuLuc: Number(r.phu_luc), ordinal: Number(r.ordinal), overdue: r.due_on < today }));
      const base = this.config.env.PUBLIC_URL ?? `http://localhost:${this.config.env.PORT}`;
      const m = digestMessage(o.fullName, today, lines, base);
      await this.mailer.send({ to: [o.email], subject: m.subject, text: m.text, messageId: messageId(key) });
      await this.tx.run((em) => em.update(ReminderDelivery, claim.id, { mailedAt: new Date() }));
      sent++;
    }
    return sent;
  }
}

function uniqueById<T extends { id: number }>(list: T[]): T[] {
  return [...new Map(list.map((x) => [x.id, x])).values()];
}

function messageId(key: string): string {
  return `<${createHash('sha1').update(key).digest('hex')}@cchc.reminders>`;
}
