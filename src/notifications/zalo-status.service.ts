import { Inject, Injectable } from '@nestjs/common';
import { localDateOf } from '../common/local-date.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import type { UserActor } from '../access/actor.js';
import { ZaloSettingsService } from '../zalo/zalo-settings.service.js';
import { ZaloService } from '../zalo/zalo.service.js';
import type { ZaloAccountStatusDto, ZaloStatusDto, ZaloUnitCount } from './dto/zalo-status.dto.js';
import { NotificationsRepository } from './notifications.repository.js';
import { addCount, topUnits } from './zalo-counts.js';

/** A secret shown back: its last four characters only. */
export function masked(secret: string | null | undefined): string | null {
  if (!secret) return null;
  return secret.length <= 8 ? '••••' : `••••${secret.slice(-4)}`;
}

/** The Zalo channel as administrators see it. */
@Injectable()
export class ZaloStatusService {
  constructor(
    private readonly zalo: ZaloService,
    private readonly settings: ZaloSettingsService,
    private readonly deliveries: NotificationsRepository,
    private readonly organization: OrganizationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(now = new Date()): Promise<ZaloStatusDto> {
    const e = this.config.env;
    const routes = await this.zalo.routes();
    // each OA's quota endpoint, when it is up (a failure leaves the last figures)
    await Promise.all(routes.map((r) => this.zalo.quota(r).catch(() => null)));
    const today = localDateOf(now);
    const monthStart = new Date(`${today.slice(0, 8)}01T00:00:00+07:00`);
    // per unit, all accounts together; per account, what each sent (a claim that names none: the unit's account now)
    const byUnit = new Map<number, ZaloUnitCount>();
    const byScope = new Map<string, Map<number, ZaloUnitCount>>();
    const counts = await this.deliveries.zaloSentPerUnit(monthStart);
    const nameOf = new Map((await this.organization.unitsByIds([...new Set(counts.map((c) => c.unitId))])).map((u) => [u.id, u.name]));
    for (const c of counts) {
      const unitName = nameOf.get(c.unitId) ?? `Đơn vị ${c.unitId}`;
      addCount(byUnit, { unitId: c.unitId, unitName, sent: c.sent, fellBack: c.fellBack });
      const scope = c.scope ?? (await this.zalo.route(c.unitId))?.scope;
      if (!scope) continue;
      if (!byScope.has(scope)) byScope.set(scope, new Map());
      addCount(byScope.get(scope)!, { unitId: c.unitId, unitName, sent: c.sent, fellBack: c.fellBack });
    }
    const accounts: ZaloAccountStatusDto[] = [];
    for (const route of routes) {
      const a = await this.zalo.account(route);
      accounts.push({
        scope: route.scope, unitId: route.unitId, name: route.name,
        status: a?.status === 'up' && !route.problem ? 'up' : 'down', problem: route.problem ?? (a ? a.problem : 'Chưa có mã làm mới'),
        mode: route.mode, appId: route.appId, templates: { ...route.templates },
        dailyQuota: a?.quotaDaily ?? null, remainingQuota: a?.quotaRemaining ?? null,
        quotaCheckedAt: a?.quotaCheckedAt?.toISOString() ?? null, nearQuota: a ? this.zalo.nearQuota(a, now) : false,
        ...topUnits(byScope.get(route.scope)?.values() ?? []),
      });
    }
    const install = this.zalo.configured ? await this.zalo.account() : null;
    return {
      configured: this.zalo.configured,
      status: install ? install.status : 'off',
      problem: install?.problem ?? null,
      mode: e.ZALO_MODE,
      appId: e.ZALO_APP_ID ?? null,
      secretKey: masked(e.ZALO_SECRET_KEY),
      refreshToken: masked(install?.refreshToken),
      accessExpiresAt: install?.accessExpiresAt?.toISOString() ?? null,
      templates: {
        before: this.zalo.templateId('before') ?? null, due: this.zalo.templateId('due') ?? null,
        overdue: this.zalo.templateId('overdue') ?? null, digest: this.zalo.templateId('digest') ?? null,
      },
      dailyQuota: install?.quotaDaily ?? null,
      remainingQuota: install?.quotaRemaining ?? null,
      quotaCheckedAt: install?.quotaCheckedAt?.toISOString() ?? null,
      nearQuota: install ? this.zalo.nearQuota(install, now) : false,
      month: `${today.slice(5, 7)}/${today.slice(0, 4)}`,
      ...topUnits(byUnit.values()),
      accounts,
    };
  }

  replaceRefreshToken(actor: UserActor, refreshToken: string): Promise<void> {
    return this.settings.replaceInstallRefreshToken(actor, refreshToken);
  }
}
