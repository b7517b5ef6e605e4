import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { addDays as addLocalDays, formatVnDate, localDateOf } from '../common/local-date.js';
import { Batcher, READ_LINGER_MS } from '../common/batcher.js';
import { taskPath } from '../common/web-paths.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { Official } from '../organization/entities/official.entity.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { ReminderFacts, TasksRepository } from '../tasks/tasks.repository.js';
import { digestMessage, DigestLine, reminderMessage, zaloTemplateData, zaloTemplateOf } from './reminder-message.js';
import { ZaloService } from '../zalo/zalo.service.js';
import { DEFAULT_REMINDER_SETTINGS, digestDue, reminderDay, reminderJobId } from './reminder-plan.js';
import { RemindJobData, ReminderScheduler } from './reminder-scheduler.service.js';

export type DeliveryOutcome = 'delivered' | 'skipped' | 'already-delivered';

/**
 * Delivers one reminder exactly once. The worker re-reads the task (done, or
 * its due date changed: nothing is sent), then hands the message to
 * notifications, which claims its key, writes the in-app notifications and the
 * audit entry together, then mails.
 */
@Injectable()
export class ReminderDeliveryService {
  /**
   * The reads of the deliveries running at once in this process share one
   * query each: those that ask while a read is under way make up the next one
   * (common/batcher.ts), so every delivery still reads after it asked, never
   * an older answer.
   */
  private readonly factsReader = new Batcher<{ taskId: number; dueOn: string }, ReminderFacts | null>(async (items) => {
    const found = await this.tasks.reminderFactsOf(items);
    return items.map((i) => ({ value: found.get(`${i.taskId}|${i.dueOn}`) ?? null }));
  }, 500, READ_LINGER_MS);

  private readonly officialsReader = new Batcher<number, Official[]>(async (unitIds) => {
    const byUnit = new Map<number, Official[]>(unitIds.map((u) => [u, []]));
    for (const o of await this.organization.officialsOfUnits([...byUnit.keys()], { activeOnly: true })) byUnit.get(o.unitId)?.push(o);
    return unitIds.map((u) => ({ value: byUnit.get(u)! }));
  }, 500, READ_LINGER_MS);

  constructor(
    private readonly tasks: TasksRepository,
    private readonly organization: OrganizationRepository,
    private readonly notifications: NotificationsService,
    private readonly scheduler: ReminderScheduler,
    private readonly zalo: ZaloService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get base(): string {
    return (this.config.env.PUBLIC_URL ?? `http://localhost:${this.config.env.PORT}`).replace(/\/$/, '');
  }

  async deliver(data: RemindJobData): Promise<DeliveryOutcome> {
    const jobId = reminderJobId(data.taskId, data.dueOn, data.kind);
    const facts = await this.factsReader.run({ taskId: data.taskId, dueOn: data.dueOn });
    if (!facts || facts.taskStatus !== 'open' || facts.planStatus !== 'issued' || facts.completedOn !== null) {
      await this.scheduler.forget(data.taskId, jobId);
      return 'skipped';
    }
    const every = facts.overdueEveryDays ?? DEFAULT_REMINDER_SETTINGS.overdueEveryDays;
    const key = `${data.taskId}|${data.dueOn}|${data.kind}|${reminderDay(data.kind, data.dueOn, every)}`;
    const overdue = data.kind.startsWith('overdue-');
    const officials = await this.officialsReader.run(facts.unitId);
    const assignee = officials.find((o) => o.id === facts.assigneeId) ?? null;
    const chairmen = officials.filter((o) => o.role === 'chairman');
    // the lead official; the chairman too when overdue, or instead when nobody leads it yet
    const recipients = uniqueById([...(assignee ? [assignee] : chairmen), ...(overdue ? chairmen : [])]);
    const reminderFacts = {
      kind: data.kind, taskId: data.taskId, dueOn: data.dueOn, sentOn: localDateOf(), phuLuc: facts.phuLuc, ordinal: facts.ordinal,
      content: facts.content, planTitle: facts.planTitle, assigneeName: assignee?.fullName ?? null, link: `${this.base}${taskPath(data.taskId)}`,
    };
    const message = (forChairman: boolean) => reminderMessage(reminderFacts, forChairman);
    const wantsMail = (o: Official) => !!o.email && o.notifyEmail && o.reminderMode === 'each';
    // by Zalo for those who chose it and have a number, when the unit has an OA (its own, a superior's or the install's)
    const byZalo = (await this.zalo.available(facts.unitId)) ? recipients.filter((o) => o.notifyZalo && o.phone) : [];
    const mailed = message(!assignee);

    const outcome = await this.notifications.dispatch({
      key,
      about: { taskId: data.taskId, dueOn: data.dueOn, kind: data.kind },
      inApp: recipients.map((r) => {
        const m = message(r.id !== assignee?.id);
        return { officialId: r.id, title: m.title, body: m.body };
      }),
      record: (em) => audit(em, SYSTEM, {
        unitId: facts.unitId, entity: 'task', entityId: data.taskId, action: 'reminded',
        changes: { reminder: { from: null, to: { kind: data.kind, dueOn: data.dueOn, recipients: recipients.map((r) => r.fullName) } } },
      }),
      mail: {
        to: assignee ? (wantsMail(assignee) ? [assignee.email!] : []) : chairmen.filter(wantsMail).map((o) => o.email!),
        cc: assignee && overdue ? chairmen.filter(wantsMail).map((o) => o.email!) : [],
        subject: mailed.subject,
        text: mailed.text,
      },
      zalo: byZalo.map((o) => ({
        officialId: o.id, unitId: facts.unitId, phone: o.phone!, template: zaloTemplateOf(data.kind),
        data: zaloTemplateData(reminderFacts, o.fullName), email: o.email,
      })),
    });
    if (outcome === 'already-delivered') return outcome;
    await this.scheduler.forget(data.taskId, jobId);
    if (overdue) await this.scheduler.scheduleNextOverdue(data.taskId, data.dueOn);
    return 'delivered';
  }

  /**
   * The digest mail for officials who chose one a day: their open tasks due
   * within 7 days and those overdue, once per official and day, on working
   * days, once their unit's reminder time has come (run every 10 minutes; a
   * server started late sends that day's digests when it starts).
   */
  async sendDigests(now = new Date()): Promise<number> {
    if (!this.notifications.mailEnabled) return this.sendZaloDigests(now);
    const today = localDateOf(now);
    const horizon = addLocalDays(today, 7);
    const timeOf = new Map<number, string>();
    let sent = 0;
    for (const o of await this.organization.digestReaders()) {
      if (!o.email || !o.notifyEmail) continue; // the digest is a mail: not for those who turned mail off
      if (!timeOf.has(o.unitId)) timeOf.set(o.unitId, (await this.organization.unit(o.unitId))?.reminderTime ?? DEFAULT_REMINDER_SETTINGS.timeOfDay);
      if (!digestDue(now, timeOf.get(o.unitId)!, this.scheduler.calendar)) continue;
      const rows = await this.tasks.openDueFor(o.id, horizon);
      if (!rows.length) continue;
      const lines: DigestLine[] = rows.map((r) => ({ ...r, overdue: r.dueOn < today }));
      const m = digestMessage(o.fullName, today, lines, this.base);
      const outcome = await this.notifications.dispatch({
        key: `digest|${o.id}|${today}`,
        about: { taskId: null, dueOn: today, kind: 'digest' },
        inApp: [],
        mail: { to: [o.email], subject: m.subject, text: m.text },
      });
      if (outcome === 'delivered') sent++;
    }
    return sent + (await this.sendZaloDigests(now));
  }

  /**
   * Near the quota, a unit's Zalo reminders were held back (and went by
   * e-mail): one Zalo message a day tells the unit's chairman how many, at
   * the unit's reminder time (or the first sweep after it).
   */
  async sendZaloDigests(now = new Date()): Promise<number> {
    if (!(await this.zalo.anyConfigured())) return 0;
    const today = localDateOf(now);
    let sent = 0;
    for (const { unitId, count } of await this.notifications.heldBack(startOfLocalDay(today))) {
      const unit = await this.organization.unit(unitId);
      if (!unit || !digestDue(now, unit.reminderTime, this.scheduler.calendar)) continue;
      // a Zalo message: for a chairman who chose Zalo and gave a number
      const chairmen = (await this.organization.officialsOf(unitId, { activeOnly: true })).filter((o) => o.role === 'chairman' && o.notifyZalo && o.phone);
      if (!chairmen.length) continue;
      const outcome = await this.notifications.dispatch({
        key: `zalo-digest|${unitId}|${today}`,
        about: { taskId: null, dueOn: today, kind: 'zalo-digest' },
        inApp: [],
        zalo: chairmen.map((o) => ({
          officialId: o.id, unitId, phone: o.phone!, template: 'digest' as const, email: null, digest: true,
          data: { don_vi: unit.name.slice(0, 100), so_nhac_viec: String(count), ngay: formatVnDate(today), lien_ket: `${this.base}/` },
        })),
      });
      if (outcome === 'delivered') sent++;
    }
    return sent;
  }
}

/** Local midnight of a local date, as an instant. */
function startOfLocalDay(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

function uniqueById<T extends { id: number }>(list: T[]): T[] {
  return [...new Map(list.map((x) => [x.id, x])).values()];
}
