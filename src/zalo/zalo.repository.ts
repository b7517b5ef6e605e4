import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/errors.js';
import { Unit } from '../organization/entities/unit.entity.js';
import { ZaloAccount } from './entities/zalo-account.entity.js';
import { ZaloUnitSettings } from './entities/zalo-unit-settings.entity.js';

/** The Zalo accounts: their token pair (written together, over the version read) and the channel's state. */
@Injectable()
export class ZaloRepository {
  constructor(private readonly db: DataSource) {}

  find(scope: string, em: EntityManager = this.db.manager): Promise<ZaloAccount | null> {
    return em.getRepository(ZaloAccount).findOneBy({ scope });
  }

  /** Every unit's id, superior and name: the tree the accounts are chosen on. */
  async unitTree(): Promise<{ id: number; parentId: number | null; name: string }[]> {
    const rows = await this.db.getRepository(Unit).find({ select: { id: true, parentId: true, name: true } });
    return rows.map((u) => ({ id: u.id, parentId: u.parentId, name: u.name }));
  }

  allSettings(): Promise<ZaloUnitSettings[]> {
    return this.db.getRepository(ZaloUnitSettings).find({ order: { unitId: 'ASC' } });
  }

  settingsOf(unitId: number, em: EntityManager = this.db.manager): Promise<ZaloUnitSettings | null> {
    return em.getRepository(ZaloUnitSettings).findOneBy({ unitId });
  }

  async insertSettings(em: EntityManager, s: Omit<ZaloUnitSettings, 'createdAt' | 'updatedAt' | 'version' | 'unit'>): Promise<void> {
    await em.getRepository(ZaloUnitSettings).insert(s);
  }

  /** Over the version read: false when someone else saved meanwhile. */
  async updateSettings(em: EntityManager, unitId: number, version: number, s: Partial<Omit<ZaloUnitSettings, 'unitId' | 'createdAt' | 'updatedAt' | 'version' | 'unit'>>): Promise<boolean> {
    const r = await em.createQueryBuilder().update(ZaloUnitSettings).set({ ...s, version: () => 'version + 1' })
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
      await em.getRepository(ZaloAccount).insert({ scope, refreshToken, accessToken: null, accessExpiresAt: null, status: 'up', problem: null });
      return;
    }
    await em.createQueryBuilder().update(ZaloAccount)
      .set({ refreshToken, accessToken: null, accessExpiresAt: null, status: 'up', problem: null, quotaSpentOn: null, version: () => 'version + 1' })
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
      await this.db.getRepository(ZaloAccount).insert({ scope, refreshToken, accessToken: null, accessExpiresAt: null, status: 'up', problem: null });
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
      .set({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, accessExpiresAt: pair.accessExpiresAt, status: 'up', problem: null, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (r.affected ?? 0) === 1;
  }

  /** An administrator gave a new refresh token (from Zalo's console): the channel starts again from it. */
  async replaceRefreshToken(scope: string, refreshToken: string): Promise<void> {
    const account = await this.ensure(scope, refreshToken);
    await this.db.createQueryBuilder().update(ZaloAccount)
      .set({ refreshToken, accessToken: null, accessExpiresAt: null, status: 'up', problem: null, version: () => 'version + 1' })
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
