import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM } from '../access/actor.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { audit } from '../audit/audit.js';
import { isUniqueViolation } from '../common/errors.js';
import { addDays, formatVnDate, localDateOf } from '../common/local-date.js';
import { reportPath } from '../common/web-paths.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { Transactions } from '../database/transactions.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { periodsCutOffOn } from './periods.js';
import type { PeriodCode } from './report-data.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService, StoredReport } from './reports.service.js';

/** The reports that make themselves: each plan's, the day after each period's cut-off, announced once. */
@Injectable()
export class AutoReportsService {
  constructor(
    private readonly tx: Transactions,
    private readonly reports: ReportsService,
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

  /**
   * The automatic report of a plan for a period: made once, whatever the
   * number of times the job runs (the auto key is unique). Returns null when
   * it already existed.
   */
  async generateAuto(planId: number, code: PeriodCode, year: number): Promise<StoredReport | null> {
    const autoKey = `${planId}|${code}|${year}`;
    if (await this.repo.hasAuto(autoKey)) return null;
    // the annex rows a person entered for this period carry over from their latest report
    const manual = await this.tx.read((em) => this.reports.latest(em, planId, code, year, 'manual'));
    const entered = Object.fromEntries((manual?.data.annex01b ?? []).filter((r) => r.source === 'entered').map((r) => [r.code, r.value]));
    try {
      return await this.tx.run(async (em) => {
        // two runs of the job at once meet here: the plan row lock (PostgreSQL) or the
        // one-writer queue (SQLite) lets one in at a time, and the second finds the report
        await this.plans.lock(em, planId);
        if (await this.repo.hasAuto(autoKey, em)) return null;
        // so is what they wrote in their draft: the automatic version is final at once
        return this.reports.store(em, planId, code, year, entered, 'auto', SYSTEM, { narrative: manual?.data.narrative });
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  /** Run at 07:00 every day: the reports of every issued plan whose period was cut off yesterday. */
  async generateDue(now = new Date()): Promise<StoredReport[]> {
    const yesterday = addDays(localDateOf(now), -1);
    const plans = await this.plans.withStatus(['issued', 'closed']);
    const units = new Map((await this.organization.allUnits()).map((u) => [u.id, u]));
    const made: StoredReport[] = [];
    for (const plan of plans) {
      const convention = units.get(plan.unitId)?.reportCutoff ?? 'ministry';
      for (const { code, year } of periodsCutOffOn(yesterday, convention)) {
        if (year !== plan.year) continue;
        const report = await this.generateAuto(plan.id, code, year);
        if (report) {
          made.push(report);
          await this.announce(report);
        }
      }
    }
    return made;
  }

  /** Tells the unit's report-makers (role reporter) and chairman, in the app and by mail, once. */
  private async announce(report: StoredReport): Promise<void> {
    const ids = await this.accounts.officialIdsWithRole(report.unitId, ['chairman', 'reporter']);
    const recipients = (await this.organization.officialsByIds(ids)).filter((o) => o.active);
    const d = report.data;
    const title = `Báo cáo CCHC ${d.period.titleText} đã được lập`;
    const body = `${d.plan.title}: ${d.figures.summary}. Số liệu tính đến ngày ${formatVnDate(d.period.cutoff)}.`;
    await this.notifications.dispatch({
      key: `report|${report.id}`,
      about: { taskId: null, dueOn: null, kind: 'report' },
      inApp: recipients.map((r) => ({ officialId: r.id, title, body })),
      record: async (em, notificationIds) => {
        for (const [i, r] of recipients.entries()) {
          await audit(em, SYSTEM, {
            unitId: r.unitId, entity: 'notification', entityId: notificationIds[i], action: 'created',
            changes: { title: { from: null, to: title }, officialId: { from: null, to: r.id } },
          });
        }
      },
      mail: { to: recipients.filter((r) => r.email && r.notifyEmail).map((r) => r.email!), subject: `[CCHC] ${title}`, text: `${body}\n\nXem và tải báo cáo: ${this.publicUrl}${reportPath(report.planId, report.period, report.year, report.id)}` },
    });
  }
}
