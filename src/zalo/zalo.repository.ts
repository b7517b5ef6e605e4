import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/errors.js';
import { open, seal, SecretUnreadable } from '../common/secret-box.js';
import { APP_CONFIG } from '../config/config.module.js';
import { secretsKeyOf, type AppConfig } from '../config/env.js';
import { Unit } from '../organization/entities/unit.entity.js';
import { ZaloAccount } from './entities/zalo-account.entity.js';
import { ZaloUnitSettings } from './entities/zalo-unit-settings.entity.js';

/**
 * Secrets stored under a key other than this install's (SECRETS_KEY changed,
 * the secrets-key file lost, the database moved to another server): the
 * channel is down, and says what to do.
 */
export const SECRETS_UNREADABLE = 'Không giải mã được khóa bí mật hoặc mã của Zalo OA đã lưu: khóa mã hóa hiện tại (SECRETS_KEY hoặc tệp secrets-key) không phải khóa đã dùng khi lưu. Dùng lại đúng khóa, hoặc nhập lại khóa bí mật và mã làm mới';

/** A unit's settings as read: the secret key open, or unreadable (under another key: then ''). */
export type OpenedSettings = ZaloUnitSettings & { secretUnreadable: boolean };

/**
 * The Zalo accounts: their token pair (written together, over the version
 * read) and the channel's state; the units' settings. The secrets (secret
 * key, tokens) are sealed here on the way in and opened on the way out
 * (common/secret-box.ts): the rest of the app sees them open, the database
 * never does.
 */
@Injectable()
export class ZaloRepository {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private seal(plain: string): string;
  private seal(plain: string | null): string | null;
  private seal(plain: string | null): string | null {
    return plain === null ? null : seal(secretsKeyOf(this.config), plain);
  }

  private open(sealed: string): string {
    return open(secretsKeyOf(this.config), sealed);
  }

  /** An account row with its tokens opened; tokens that will not open: the channel down, saying why. */
  private opened(a: ZaloAccount | null): ZaloAccount | null {
    if (!a) return null;
    try {
      return Object.assign(a, { accessToken: a.accessToken && this.open(a.accessToken), refreshToken: a.refreshToken && this.open(a.refreshToken) });
    } catch (e) {
      if (!(e instanceof SecretUnreadable)) throw e;
      return Object.assign(a, { accessToken: null, accessExpiresAt: null, refreshToken: null, status: 'down' as const, problem: SECRETS_UNREADABLE });
    }
  }

  private openedSettings(s: ZaloUnitSettings): OpenedSettings {
    try {
      return Object.assign(s, { secretKey: this.open(s.secretKey), secretUnreadable: false });
    } catch (e) {
      if (!(e instanceof SecretUnreadable)) throw e;
      return Object.assign(s, { secretKey: '', secretUnreadable: true });
    }
  }

  async find(scope: string, em: EntityManager = this.db.manager): Promise<ZaloAccount | null> {
    return this.opened(await em.getRepository(ZaloAccount).findOneBy({ scope }));
  }

  /** Every unit's id, superior and name: the tree the accounts are chosen on. */
  async unitTree(): Promise<{ id: number; parentId: number | null; name: string }[]> {
    const rows = await this.db.getRepository(Unit).find({ select: { id: true, parentId: true, name: true } });
    return rows.map((u) => ({ id: u.id, parentId: u.parentId, name: u.name }));
  }

  async allSettings(): Promise<OpenedSettings[]> {
    return (await this.db.getRepository(ZaloUnitSettings).find({ order: { unitId: 'ASC' } })).map((s) => this.openedSettings(s));
  }

  async settingsOf(unitId: number, em: EntityManager = this.db.manager): Promise<OpenedSettings | null> {
    const s = await em.getRepository(ZaloUnitSettings).findOneBy({ unitId });
    return s && this.openedSettings(s);
  }

  async insertSettings(em: EntityManager, s: Omit<ZaloUnitSettings, 'createdAt' | 'updatedAt' | 'version' | 'unit'>): Promise<void> {
    await em.getRepository(ZaloUnitSettings).insert({ ...s, secretKey: this.seal(s.secretKey) });
  }

  /** Over the version read: false when someone else saved meanwhile. */
  async updateSettings(em: EntityManager, unitId: number, version: number, s: Partial<Omit<ZaloUnitSettings, 'unitId' | 'createdAt' | 'updatedAt' | 'version' | 'unit'>>): Promise<boolean> {
    const values = s.secretKey !== undefined ? { ...s, secretKey: this.seal(s.secretKey) } : s;
    const r = await em.createQueryBuilder().update(ZaloUnitSettings).set({ ...values, version: () => 'version + 1' })
      .where('unit_id = :unitId AND version = :version', { unitId, version }).execute();
    return (r.affected ?? 0) === 1;
  }

  /** The unit's settings and its account (tokens, state, quota) go together. */
  async deleteSettings(em: EntityManager, unitId: number, scope: string): Promise<void> {
    await em.getRepository(ZaloAccount).delete({ scope });
    await em.getRepository(ZaloUnitSettings).delete({ unitId });
  }

  /**
   * A unit's account starts again from a refresh token an administrator gave:
   * made when there is none, else its pair replaced and the channel up again.
   */
  async restartAccount(em: EntityManager, scope: string, refreshToken: string): Promise<void> {
    const found = await this.find(scope, em);
    if (!found) {
      await em.getRepository(ZaloAccount).insert({ scope, refreshToken: this.seal(refreshToken), accessToken: null, accessExpiresAt: null, status: 'up', problem: null });
      return;
    }
    await em.createQueryBuilder().update(ZaloAccount)
      .set({ refreshToken: this.seal(refreshToken), accessToken: null, accessExpiresAt: null, status: 'up', problem: null, quotaSpentOn: null, version: () => 'version + 1' })
      .where('id = :id', { id: found.id }).execute();
  }

  /** The app's settings changed (a secret key put right): the channel is tried again, its tokens kept. */
  async reviveAccount(em: EntityManager, scope: string): Promise<void> {
    await em.createQueryBuilder().update(ZaloAccount).set({ status: 'up', problem: null, version: () => 'version' })
      .where('scope = :scope', { scope }).execute();
  }

  /** The account of `scope`, made with its first refresh token when there is none yet (two processes at once: one row). */
  async ensure(scope: string, refreshToken: string): Promise<ZaloAccount> {
    const found = await this.find(scope);
    if (found) return found;
    try {
      await this.db.getRepository(ZaloAccount).insert({ scope, refreshToken: this.seal(refreshToken), accessToken: null, accessExpiresAt: null, status: 'up', problem: null });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    return (await this.find(scope))!;
  }

  /**
   * The new pair, in one statement, only over the version that was read: a
   * rival's pair is never overwritten with an older one. False when the
   * version moved on.
   */
  async storeTokens(id: number, version: number, pair: { accessToken: string; refreshToken: string; accessExpiresAt: Date }): Promise<boolean> {
    const r = await this.db.createQueryBuilder().update(ZaloAccount)
      .set({ accessToken: this.seal(pair.accessToken), refreshToken: this.seal(pair.refreshToken), accessExpiresAt: pair.accessExpiresAt, status: 'up', problem: null, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (r.affected ?? 0) === 1;
  }

  /** An administrator gave a new refresh token (from Zalo's console): the channel starts again from it. */
  async replaceRefreshToken(scope: string, refreshToken: string): Promise<void> {
    const account = await this.ensure(scope, refreshToken);
    await this.db.createQueryBuilder().update(ZaloAccount)
      .set({ refreshToken: this.seal(refreshToken), accessToken: null, accessExpiresAt: null, status: 'up', problem: null, version: () => 'version + 1' })
      .where('id = :id', { id: account.id })
      .execute();
  }

  /**
   * The channel's state and quota change without touching the version: only
   * a new token pair moves it, so a quota noted meanwhile never makes a
   * refresher's new pair look stale (and the pair, with its single-use
   * refresh token, lost).
   */
  private async setState(id: number, values: Partial<Pick<ZaloAccount, 'status' | 'problem' | 'quotaDaily' | 'quotaRemaining' | 'quotaCheckedAt' | 'quotaSpentOn'>>): Promise<void> {
    await this.db.createQueryBuilder().update(ZaloAccount).set({ ...values, version: () => 'version' }).where('id = :id', { id }).execute();
  }

  markDown(id: number, problem: string): Promise<void> {
    return this.setState(id, { status: 'down', problem: problem.slice(0, 300) });
  }

  noteProblem(id: number, problem: string | null): Promise<void> {
    return this.setState(id, { problem: problem?.slice(0, 300) ?? null });
  }

  noteQuota(id: number, daily: number | null, remaining: number | null, at: Date): Promise<void> {
    return this.setState(id, { quotaDaily: daily, quotaRemaining: remaining, quotaCheckedAt: at });
  }

  quotaSpent(id: number, day: string): Promise<void> {
    return this.setState(id, { quotaSpentOn: day, quotaRemaining: 0, quotaCheckedAt: new Date() });
  }
}
