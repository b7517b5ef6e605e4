import { Inject, Injectable } from '@nestjs/common';
import { Invalid } from '../common/errors.js';
import { localDateOf } from '../common/local-date.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { ZaloRepository } from '../zalo/zalo.repository.js';
import { INSTALL_SCOPE, ZaloService } from '../zalo/zalo.service.js';
import type { ZaloStatusDto } from './dto/zalo-status.dto.js';
import { NotificationsRepository } from './notifications.repository.js';

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
    private readonly accounts: ZaloRepository,
    private readonly deliveries: NotificationsRepository,
    private readonly organization: OrganizationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(now = new Date()): Promise<ZaloStatusDto> {
    const e = this.config.env;
    // the quota endpoint, when the channel is up (a failure leaves the last figures)
    await this.zalo.quota().catch(() => null);
    const account = await this.zalo.account();
    const today = localDateOf(now);
    const monthStart = new Date(`${today.slice(0, 8)}01T00:00:00+07:00`);
    const counts = await this.deliveries.zaloSentPerUnit(monthStart);
    const units = [];
    for (const c of counts) {
      units.push({ ...c, unitName: (await this.organization.unit(c.unitId))?.name ?? `Đơn vị ${c.unitId}` });
    }
    return {
      configured: this.zalo.configured,
      status: account ? account.status : 'off',
      problem: account?.problem ?? null,
      mode: e.ZALO_MODE,
      appId: e.ZALO_APP_ID ?? null,
      secretKey: masked(e.ZALO_SECRET_KEY),
      refreshToken: masked(account?.refreshToken),
      accessExpiresAt: account?.accessExpiresAt?.toISOString() ?? null,
      templates: {
        before: this.zalo.templateId('before') ?? null, due: this.zalo.templateId('due') ?? null,
        overdue: this.zalo.templateId('overdue') ?? null, digest: this.zalo.templateId('digest') ?? null,
      },
      dailyQuota: account?.quotaDaily ?? null,
      remainingQuota: account?.quotaRemaining ?? null,
      quotaCheckedAt: account?.quotaCheckedAt?.toISOString() ?? null,
      nearQuota: account ? this.zalo.nearQuota(account, now) : false,
      month: `${today.slice(5, 7)}/${today.slice(0, 4)}`,
      units,
    };
  }

  async replaceRefreshToken(refreshToken: string): Promise<void> {
    if (!this.zalo.configured) throw new Invalid('Chưa cấu hình Zalo (ZALO_APP_ID, ZALO_SECRET_KEY, ZALO_REFRESH_TOKEN)');
    await this.accounts.replaceRefreshToken(INSTALL_SCOPE, refreshToken.trim());
  }
}
