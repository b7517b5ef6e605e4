import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../common/errors.js';
import { ZaloAccount } from './entities/zalo-account.entity.js';

/** The Zalo accounts: their token pair (written together, over the version read) and the channel's state. */
@Injectable()
export class ZaloRepository {
  constructor(private readonly db: DataSource) {}

  find(scope: string): Promise<ZaloAccount | null> {
    return this.db.getRepository(ZaloAccount).findOneBy({ scope });
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
