import { Injectable } from '@nestjs/common';
import type { UserActor } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import type { FieldChanges } from '../audit/entities/audit-entry.entity.js';
import { Conflict, Invalid, NotFound } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import type { ZaloUnitSettingsClearedDto, ZaloUnitSettingsDto, ZaloUnitSettingsInput } from './dto/zalo-settings.dto.js';
import type { ZaloUnitSettings } from './entities/zalo-unit-settings.entity.js';
import { unitScope } from './zalo-routing.js';
import { SECRETS_UNREADABLE, ZaloRepository } from './zalo.repository.js';
import { INSTALL_SCOPE, ZaloService } from './zalo.service.js';

/** What the audit trail shows of a secret: that it was set or changed, never the value. */
const SECRET_SET = 'đã khai báo';
const SECRET_NEW = 'khai báo mới';

const TEMPLATE_FIELDS = ['templateBefore', 'templateDue', 'templateOverdue', 'templateDigest'] as const;

/**
 * A unit's own Zalo app and Official Account, set by the administrator: the
 * communes beneath it then send through it (zalo-routing.ts). The settings,
 * the OA's account row and the audit entry are written in one transaction;
 * the secret key and the refresh token are never answered back.
 */
@Injectable()
export class ZaloSettingsService {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: ZaloRepository,
    private readonly organization: OrganizationRepository,
    private readonly zalo: ZaloService,
  ) {}

  async get(unitId: number): Promise<ZaloUnitSettingsDto> {
    const unit = await this.organization.unit(unitId);
    if (!unit) throw new NotFound('đơn vị', unitId);
    const s = await this.repo.settingsOf(unitId);
    const account = s ? await this.repo.find(unitScope(unitId)) : null;
    return {
      unitId, unitName: unit.name, configured: !!s, appId: s?.appId ?? null, secretKeySet: !!s?.secretKey, refreshTokenSet: !!account?.refreshToken,
      templates: { before: s?.templateBefore ?? null, due: s?.templateDue ?? null, overdue: s?.templateOverdue ?? null, digest: s?.templateDigest ?? null },
      mode: s?.mode ?? 'production',
      status: !s ? 'off' : account?.status === 'up' && !s.secretUnreadable ? 'up' : 'down',
      problem: !s ? null : s.secretUnreadable ? SECRETS_UNREADABLE : account?.problem ?? (account ? null : 'Chưa có mã làm mới'),
      updatedAt: s?.updatedAt ? new Date(s.updatedAt).toISOString() : null,
    };
  }

  async set(actor: UserActor, unitId: number, input: ZaloUnitSettingsInput): Promise<ZaloUnitSettingsDto> {
    const secretKey = input.secretKey?.trim() || undefined;
    const refreshToken = input.refreshToken?.trim() || undefined;
    const scope = unitScope(unitId);
    const values = {
      appId: input.appId.trim(), mode: input.mode ?? 'production',
      templateBefore: input.templateBefore ?? null, templateDue: input.templateDue ?? null,
      templateOverdue: input.templateOverdue ?? null, templateDigest: input.templateDigest ?? null,
    };
    await this.tx.run(async (em) => {
      const unit = await this.organization.unit(unitId, em);
      if (!unit) throw new NotFound('đơn vị', unitId);
      const before = await this.repo.settingsOf(unitId, em);
      if (!before) {
        if (!secretKey) throw new Invalid('secretKey: bắt buộc khi khai báo Zalo lần đầu cho đơn vị', 'secretKey');
        if (!refreshToken) throw new Invalid('refreshToken: bắt buộc khi khai báo Zalo lần đầu cho đơn vị', 'refreshToken');
        await this.repo.insertSettings(em, { unitId, ...values, secretKey });
      } else {
        if (values.appId !== before.appId && !refreshToken) {
          throw new Invalid('Đổi mã ứng dụng thì phải nhập mã làm mới của Zalo OA gắn với ứng dụng mới', 'refreshToken');
        }
        const ok = await this.repo.updateSettings(em, unitId, before.version, { ...values, ...(secretKey ? { secretKey } : {}) });
        if (!ok) throw new Conflict('Cấu hình Zalo của đơn vị vừa được người khác sửa; hãy tải lại và thử lại');
      }
      // a new refresh token starts the OA afresh; new app settings (a secret key put right) let a downed OA try again
      if (refreshToken) await this.repo.restartAccount(em, scope, refreshToken);
      else await this.repo.reviveAccount(em, scope);
      const changes: FieldChanges = {};
      for (const f of ['appId', 'mode', ...TEMPLATE_FIELDS] as const) {
        const from = before ? before[f] : null;
        if (from !== values[f]) changes[f] = { from, to: values[f] };
      }
      if (secretKey && secretKey !== before?.secretKey) changes.secretKey = { from: before ? SECRET_SET : null, to: SECRET_NEW };
      if (refreshToken) changes.refreshToken = { from: before ? SECRET_SET : null, to: SECRET_NEW };
      await audit(em, actor, { unitId, entity: 'zalo', entityId: unitId, action: before ? 'updated' : 'created', changes });
    });
    this.zalo.forget();
    return this.get(unitId);
  }

  async clear(actor: UserActor, unitId: number): Promise<ZaloUnitSettingsClearedDto> {
    const cleared = await this.tx.run(async (em) => {
      const before: ZaloUnitSettings | null = await this.repo.settingsOf(unitId, em);
      if (!before) return false;
      await this.repo.deleteSettings(em, unitId, unitScope(unitId));
      await audit(em, actor, {
        unitId, entity: 'zalo', entityId: unitId, action: 'deleted',
        changes: { appId: { from: before.appId, to: null }, secretKey: { from: SECRET_SET, to: null }, refreshToken: { from: SECRET_SET, to: null } },
      });
      return true;
    });
    this.zalo.forget();
    return { unitId, cleared, nowUsing: (await this.zalo.route(unitId))?.name ?? null };
  }

  /** A new refresh token for the install's own OA (ZALO_* settings), audited like a unit's. */
  async replaceInstallRefreshToken(actor: UserActor, refreshToken: string): Promise<void> {
    if (!this.zalo.configured) throw new Invalid('Chưa cấu hình Zalo chung của hệ thống (ZALO_APP_ID, ZALO_SECRET_KEY, ZALO_REFRESH_TOKEN)');
    const token = refreshToken.trim();
    if (!token) throw new Invalid('refreshToken: không được để trống', 'refreshToken');
    await this.tx.run(async (em) => {
      await this.repo.restartAccount(em, INSTALL_SCOPE, token);
      await audit(em, actor, { unitId: null, entity: 'zalo', entityId: 0, action: 'updated', changes: { refreshToken: { from: SECRET_SET, to: SECRET_NEW } } });
    });
  }
}
