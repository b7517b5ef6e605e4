import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM } from '../access/actor.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { audit } from '../audit/audit.js';
import { formatVnDate, localDateOf } from '../common/local-date.js';
import { reportPath } from '../common/web-paths.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { reminderTitle, remindersDueOn, type DueReports } from './report-reminders.js';
import { ReportsRepository } from './reports.repository.js';

/**
 * Reminds each unit's reporter and chairman before their periodic reports are
 * due (the unit's reportDueDay of the cut-off month), with a link to the
 * draft: once per plan and due date, through NotificationsService.dispatch().
 */
@Injectable()
export class ReportRemindersService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly plans: PlansRepository,
    private readonly organization: OrganizationRepository,
    private readonly accounts: AccountsRepository,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get publicUrl(): string {
    return (this.config.env.PUBLIC_URL ?? `http://localhost:${this.config.env.PORT}`).replace(/\/$/, '');
  }

  /** Run every morning: the reminders whose day is today. Returns what it sent (plan, due date). */
  async remindDue(now = new Date()): Promise<{ planId: number; dueOn: string; recipients: number }[]> {
    const today = localDateOf(now);
    const units = new Map((await this.organization.allUnits()).map((u) => [u.id, u]));
    const sent: { planId: number; dueOn: string; recipients: number }[] = [];
    for (const plan of await this.plans.withStatus(['issued'])) {
      const unit = units.get(plan.unitId);
      if (!unit) continue;
      for (const due of remindersDueOn(today, plan.year, unit.reportCutoff, unit.reportDueDay ?? 18)) {
        const recipients = await this.remind(plan.id, plan.unitId, plan.title, due);
        sent.push({ planId: plan.id, dueOn: due.dueOn, recipients });
      }
    }
    return sent;
  }

  private async remind(planId: number, unitId: number, planTitle: string, due: DueReports): Promise<number> {
    const ids = await this.accounts.officialIdsWithRole(unitId, ['chairman', 'reporter']);
    const recipients = (await this.organization.officialsByIds(ids)).filter((o) => o.active);
    // the version to finish: the latest draft of these periods, else the latest version
    const versions = await this.repo.ofPlanPeriods(planId, due.periods.map((p) => p.code), due.periods[0].year);
    const draft = versions.find((v) => !v.finalAt) ?? versions[0] ?? null;
    const title = reminderTitle(due);
    const link = `${this.publicUrl}${draft ? reportPath(planId, draft.period, draft.year, draft.id) : reportPath(planId, due.periods[0].code, due.periods[0].year)}`;
    const what = draft
      ? `${draft.finalAt ? 'Bản báo cáo mới nhất' : 'Bản nháp'} (phiên bản ${draft.version}) đã có; hãy hoàn thiện phần lời văn và chốt báo cáo`
      : 'Chưa có bản báo cáo nào; hãy lập bản nháp';
    const body = `${planTitle}: báo cáo phải nộp trước ngày ${formatVnDate(due.dueOn)}. ${what}: ${link}`;
    await this.notifications.dispatch({
      key: `report-due|${planId}|${due.dueOn}`,
      about: { taskId: null, dueOn: due.dueOn, kind: 'report_due' },
      inApp: recipients.map((r) => ({ officialId: r.id, title, body })),
      record: async (em, notificationIds) => {
        for (const [i, r] of recipients.entries()) {
          await audit(em, SYSTEM, {
            unitId: r.unitId, entity: 'notification', entityId: notificationIds[i], action: 'created',
            changes: { title: { from: null, to: title }, officialId: { from: null, to: r.id } },
          });
        }
      },
      // by e-mail to those who take mail (Zalo templates are for task reminders only)
      mail: { to: recipients.filter((r) => r.email && r.notifyEmail).map((r) => r.email!), subject: `[CCHC] ${title}`, text: body },
    });
    return recipients.length;
  }
}
