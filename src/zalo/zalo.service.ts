import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { localDateOf } from '../common/local-date.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { connected, redisConnection } from '../redis/redis-connection.js';
import { RedisKeys } from '../redis/redis-keys.js';
import type { ZaloAccount } from './entities/zalo-account.entity.js';
import { ZaloRepository } from './zalo.repository.js';
import { Quota, ZaloTokenError, ZaloUnreachable, ZnsClient } from './zns-client.js';
import { znsError, ZnsFailureKind } from './zns-errors.js';

/** The install's account; a superior unit's would be 'unit:<id>'. */
export const INSTALL_SCOPE = 'install';

export type ZaloTemplateKind = 'before' | 'due' | 'overdue' | 'digest';

export interface ZaloSend {
  phone: string;
  template: ZaloTemplateKind;
  data: Record<string, string>;
  /** Deterministic per message and official (≤ 48 characters): Zalo's callbacks name it. */
  trackingId: string;
}

/** What came of one message: sent, or why it goes by e-mail instead. */
export type ZaloOutcome = { sent: true } | { sent: false; kind: ZnsFailureKind | 'off' | 'near-quota'; message: string };

/** The token pair could not be had (refused): the channel is down. */
class ChannelDown extends Error {}

const LOCK_MS = 15_000;
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * The Zalo channel of the reminders: the Official Account's tokens and the
 * sending of ZNS messages, with Zalo's failures turned into what the
 * reminders do (zns-errors.ts).
 *
 * Tokens: the access token lives about 25 hours and a refresh token works
 * once. A process that needs a new access token takes a Redis lock shared by
 * every process of the install, reads the pair again (a rival may have just
 * refreshed it), refreshes, and stores the new pair in one statement over the
 * version it read. A send refused for its token refreshes once and tries again;
 * refused again, or a refresh refused, the channel is down (health report,
 * reminders by e-mail) until an administrator gives a new refresh token.
 * A refresh Zalo accepted whose answer never came back (the process died
 * between) leaves the stored refresh token used: the next refresh is refused
 * and the channel says so.
 */
@Injectable()
export class ZaloService implements OnApplicationShutdown {
  private readonly logger = new Logger('Zalo');
  private readonly client: ZnsClient;
  private redis: Redis | null = null;
  private connecting: Promise<void> | null = null;
  private readonly quotaNotedAt = new Map<number, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ZaloRepository,
    private readonly keys: RedisKeys,
  ) {
    this.client = new ZnsClient({ oauth: config.env.ZALO_OAUTH_URL, api: config.env.ZALO_API_URL });
  }

  /** App id, secret key and a first refresh token are set: reminders may go by Zalo. */
  get configured(): boolean {
    const e = this.config.env;
    return !!(e.ZALO_APP_ID && e.ZALO_SECRET_KEY && e.ZALO_REFRESH_TOKEN);
  }

  templateId(kind: ZaloTemplateKind): string | undefined {
    const e = this.config.env;
    return { before: e.ZALO_TEMPLATE_BEFORE, due: e.ZALO_TEMPLATE_DUE, overdue: e.ZALO_TEMPLATE_OVERDUE, digest: e.ZALO_TEMPLATE_DIGEST }[kind];
  }

  async account(): Promise<ZaloAccount | null> {
    return this.configured ? this.repo.ensure(INSTALL_SCOPE, this.config.env.ZALO_REFRESH_TOKEN!) : null;
  }

  /**
   * Fewer than ZALO_QUOTA_RESERVE messages left today (as the last send or
   * quota check said): reminders then go as one digest message per unit.
   */
  nearQuota(account: ZaloAccount, now = new Date()): boolean {
    if (account.quotaSpentOn === localDateOf(now)) return true;
    const fresh = account.quotaCheckedAt && localDateOf(account.quotaCheckedAt) === localDateOf(now);
    return !!fresh && account.quotaRemaining !== null && account.quotaRemaining <= this.config.env.ZALO_QUOTA_RESERVE;
  }

  /**
   * Sends one message. Answers what came of it; throws only what is worth a
   * retry later (Zalo or Redis unreachable).
   */
  async send(m: ZaloSend, opts: { digest?: boolean } = {}): Promise<ZaloOutcome> {
    const account = await this.account();
    if (!account) return { sent: false, kind: 'off', message: 'Chưa cấu hình Zalo' };
    if (account.status === 'down') return { sent: false, kind: 'account', message: `Kênh Zalo đang ngừng: ${account.problem ?? 'không rõ lý do'}` };
    const today = localDateOf();
    if (account.quotaSpentOn === today) return { sent: false, kind: 'quota', message: 'Official Account đã hết hạn mức gửi tin ZNS trong ngày' };
    if (!opts.digest && this.nearQuota(account)) return { sent: false, kind: 'near-quota', message: 'Gần hết hạn mức tin ZNS trong ngày: gộp vào tin tổng hợp của đơn vị' };
    const templateId = this.templateId(m.template);
    if (!templateId) return { sent: false, kind: 'template', message: 'Chưa khai báo mẫu tin ZNS cho loại nhắc việc này' };

    let token: string;
    try {
      token = await this.accessToken(account);
    } catch (e) {
      if (e instanceof ChannelDown) return { sent: false, kind: 'account', message: e.message };
      throw e;
    }
    const message = { phone: m.phone, templateId, templateData: m.data, trackingId: m.trackingId, development: this.config.env.ZALO_MODE === 'development' };
    let result = await this.client.send(token, message);
    if (!result.ok && znsError(result.error).kind === 'token') {
      // refused for its token: refreshed once, sent again
      try {
        token = await this.accessToken(account, token);
      } catch (e) {
        if (e instanceof ChannelDown) return { sent: false, kind: 'account', message: e.message };
        throw e;
      }
      result = await this.client.send(token, message);
      if (!result.ok && znsError(result.error).kind === 'token') {
        const problem = 'Mã truy cập Zalo bị từ chối cả sau khi làm mới';
        await this.repo.markDown(account.id, problem);
        this.logger.warn(`${problem}: kênh Zalo ngừng, nhắc việc gửi qua e-mail`);
        return { sent: false, kind: 'account', message: problem };
      }
    }
    if (result.ok) {
      if (this.quotaWorthNoting(account.id, result.remainingQuota)) await this.repo.noteQuota(account.id, result.dailyQuota, result.remainingQuota, new Date());
      return { sent: true };
    }
    const info = znsError(result.error);
    switch (info.kind) {
      case 'transient':
        throw new ZaloUnreachable(info.message);
      case 'quota':
        await this.repo.quotaSpent(account.id, today);
        break;
      case 'account':
        await this.repo.markDown(account.id, info.message);
        break;
      case 'template':
        await this.repo.noteProblem(account.id, `Mẫu tin "${m.template}" (${templateId}): ${info.message}`);
        break;
      default:
        break;
    }
    return { sent: false, kind: info.kind, message: info.message };
  }

  /**
   * The quota Zalo answers with each message is written down at most once a
   * second per account while far from the reserve (a write, on SQLite a
   * commit, per message would be most of a reminder's cost), and every time
   * near it, where nearQuota() must see it.
   */
  private quotaWorthNoting(accountId: number, remaining: number | null, now = Date.now()): boolean {
    const near = remaining === null || remaining <= this.config.env.ZALO_QUOTA_RESERVE * 2;
    if (!near && now - (this.quotaNotedAt.get(accountId) ?? 0) < 1000) return false;
    this.quotaNotedAt.set(accountId, now);
    return true;
  }

  /** For the health report: off (not configured), up, or down and why. */
  async health(): Promise<{ status: 'off' | 'up' | 'down'; problem?: string }> {
    if (!this.configured) return { status: 'off' };
    const account = await this.repo.find(INSTALL_SCOPE);
    if (!account || account.status === 'up') return { status: 'up', ...(account?.problem ? { problem: account.problem } : {}) };
    return { status: 'down', problem: account.problem ?? 'không rõ lý do' };
  }

  /** The quota endpoint's answer, noted on the account; null when Zalo is off or down. */
  async quota(): Promise<Quota | null> {
    const account = await this.account();
    if (!account || account.status === 'down') return null;
    let token: string;
    try {
      token = await this.accessToken(account);
    } catch (e) {
      if (e instanceof ChannelDown) return null;
      throw e;
    }
    let r = await this.client.quota(token);
    if (!r.ok && znsError(r.error).kind === 'token') r = await this.client.quota(await this.accessToken(account, token));
    if (!r.ok) return null;
    await this.repo.noteQuota(account.id, r.quota.dailyQuota, r.quota.remainingQuota, new Date());
    return r.quota;
  }

  /**
   * A valid access token: the stored one while it lives and was not just
   * refused (`refused`), else a new one, refreshed under the install's lock.
   */
  async accessToken(account: ZaloAccount, refused?: string): Promise<string> {
    const usable = (a: ZaloAccount) =>
      a.accessToken && a.accessToken !== refused && a.accessExpiresAt && a.accessExpiresAt.getTime() > Date.now() + 60_000 ? a.accessToken : null;
    const now = usable(account);
    if (now) return now;
    const redis = await this.lockClient();
    const lockKey = this.keys.key('zalo', 'refresh', account.scope);
    const mine = randomBytes(12).toString('hex');
    const deadline = Date.now() + LOCK_MS * 2;
    while ((await redis.set(lockKey, mine, 'PX', LOCK_MS, 'NX')) !== 'OK') {
      // a rival is refreshing: its pair will do
      await new Promise((r) => setTimeout(r, 100));
      const fresh = await this.repo.find(account.scope);
      if (fresh?.status === 'down') throw new ChannelDown(`Kênh Zalo đang ngừng: ${fresh.problem ?? ''}`);
      const theirs = fresh && usable(fresh);
      if (theirs) return theirs;
      if (Date.now() > deadline) throw new ZaloUnreachable('Chờ làm mới mã truy cập Zalo quá lâu');
    }
    try {
      const current = (await this.repo.find(account.scope))!;
      const theirs = usable(current);
      if (theirs) return theirs;
      if (current.status === 'down') throw new ChannelDown(`Kênh Zalo đang ngừng: ${current.problem ?? ''}`);
      if (!current.refreshToken) throw new ChannelDown('Chưa có refresh token của Official Account');
      let pair;
      try {
        pair = await this.client.refresh(this.config.env.ZALO_APP_ID!, this.config.env.ZALO_SECRET_KEY!, current.refreshToken);
      } catch (e) {
        if (!(e instanceof ZaloTokenError)) throw e;
        const problem = `Không làm mới được mã truy cập Zalo (${e.detail}); cần nhập refresh token mới của Official Account`;
        await this.repo.markDown(current.id, problem);
        this.logger.warn(problem);
        throw new ChannelDown(problem);
      }
      const stored = await this.repo.storeTokens(current.id, current.version, {
        accessToken: pair.accessToken, refreshToken: pair.refreshToken, accessExpiresAt: new Date(Date.now() + pair.expiresIn * 1000),
      });
      if (!stored) this.logger.warn('Cặp mã Zalo đã được ghi bởi tiến trình khác trong lúc làm mới');
      return pair.accessToken;
    } finally {
      await redis.eval(RELEASE, 1, lockKey, mine).catch(() => undefined);
    }
  }

  /** The lock's connection, made on first use; concurrent sends wait for the same connect. */
  private async lockClient(): Promise<Redis> {
    this.redis ??= redisConnection(this.config.env.REDIS_URL, 'quick');
    if (this.redis.status !== 'ready') {
      this.connecting ??= connected(this.redis).then(() => undefined).finally(() => (this.connecting = null));
      await this.connecting;
    }
    return this.redis;
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
