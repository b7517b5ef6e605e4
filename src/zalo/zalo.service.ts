import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Batcher, READ_LINGER_MS } from '../common/batcher.js';
import { localDateOf } from '../common/local-date.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { connected, redisConnection } from '../redis/redis-connection.js';
import { RedisKeys } from '../redis/redis-keys.js';
import type { ZaloAccount } from './entities/zalo-account.entity.js';
import type { ZaloMode } from './entities/zalo-unit-settings.entity.js';
import { settingsUnitFor, unitScope } from './zalo-routing.js';
import { SECRETS_UNREADABLE, ZaloRepository } from './zalo.repository.js';
import { Quota, ZaloTokenError, ZaloUnreachable, ZnsClient } from './zns-client.js';
import { znsError, ZnsFailureKind } from './zns-errors.js';

/** The install's account; a superior unit's is 'unit:<id>'. */
export const INSTALL_SCOPE = 'install';

export type ZaloTemplateKind = 'before' | 'due' | 'overdue' | 'digest';

/**
 * One Official Account and the app it is reached through: the install's
 * (from the environment) or a unit's (zalo_unit_settings).
 */
export interface ZaloRoute {
  /** 'install', or 'unit:<id>': its zalo_account row and its refresh lock. */
  scope: string;
  /** The unit whose settings these are; null: the install's. */
  unitId: number | null;
  /** Who owns the OA, in words: the unit's name, or the install. */
  name: string;
  appId: string;
  secretKey: string;
  templates: Record<ZaloTemplateKind, string | null>;
  mode: ZaloMode;
  /** The install's first refresh token (ZALO_REFRESH_TOKEN), its account row made from it on first use. */
  firstRefreshToken: string | null;
  /** Why the OA cannot be used whatever its tokens (its secret key will not open): it is down. */
  problem?: string;
}

/** What the install's own OA is called on the pages and in the health report. */
export const INSTALL_OA_NAME = 'Zalo OA chung của hệ thống';

export interface ZaloSend {
  /** The unit whose reminder this is: it picks the Official Account. */
  unitId: number;
  phone: string;
  template: ZaloTemplateKind;
  data: Record<string, string>;
  /** Deterministic per message and official (≤ 48 characters): Zalo's callbacks name it. */
  trackingId: string;
}

/**
 * What came of one message: sent, or why it goes by e-mail instead; scope:
 * the account it went through or was refused by (null: no account at all).
 */
export type ZaloOutcome = ZaloResult & { scope: string | null };
type ZaloResult = { sent: true } | { sent: false; kind: ZnsFailureKind | 'off' | 'near-quota'; message: string };

/** The token pair could not be had (refused): the channel is down. */
class ChannelDown extends Error {}

const LOCK_MS = 15_000;
/** How long a process trusts the units' tree and settings it read (another process may have changed them). */
const DIRECTORY_MS = 5_000;

interface Directory {
  at: number;
  parentOf: Map<number, number | null>;
  nameOf: Map<number, string>;
  routes: Map<number, ZaloRoute>;
}
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

  /** The account rows the sends running at once ask for, one read per OA (a read starts after each asked, gathering those asking within READ_LINGER_MS: common/batcher.ts). */
  private readonly accounts = new Batcher<ZaloRoute, ZaloAccount | null>(async (routes) => {
    const byScope = new Map<string, Promise<ZaloAccount | null>>();
    for (const r of routes) if (!byScope.has(r.scope)) byScope.set(r.scope, this.account(r));
    const settled = await Promise.allSettled(routes.map((r) => byScope.get(r.scope)!));
    return settled.map((x) => (x.status === 'fulfilled' ? { value: x.value } : { error: x.reason }));
  }, 500, READ_LINGER_MS);

  private directory: Directory | null = null;
  private loading: Promise<Directory> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ZaloRepository,
    private readonly keys: RedisKeys,
  ) {
    this.client = new ZnsClient({ oauth: config.env.ZALO_OAUTH_URL, api: config.env.ZALO_API_URL });
  }

  /** The install's app id, secret key and first refresh token are set (ZALO_*). */
  get configured(): boolean {
    const e = this.config.env;
    return !!(e.ZALO_APP_ID && e.ZALO_SECRET_KEY && e.ZALO_REFRESH_TOKEN);
  }

  /** The install's own OA, from the environment; null when it has none. */
  installRoute(): ZaloRoute | null {
    if (!this.configured) return null;
    const e = this.config.env;
    return {
      scope: INSTALL_SCOPE, unitId: null, name: INSTALL_OA_NAME, appId: e.ZALO_APP_ID!, secretKey: e.ZALO_SECRET_KEY!, mode: e.ZALO_MODE,
      templates: { before: e.ZALO_TEMPLATE_BEFORE ?? null, due: e.ZALO_TEMPLATE_DUE ?? null, overdue: e.ZALO_TEMPLATE_OVERDUE ?? null, digest: e.ZALO_TEMPLATE_DIGEST ?? null },
      firstRefreshToken: e.ZALO_REFRESH_TOKEN!,
    };
  }

  /** The units' tree and settings, read again after DIRECTORY_MS or a change made here (forget()). */
  private async load(): Promise<Directory> {
    if (this.directory && Date.now() - this.directory.at < DIRECTORY_MS) return this.directory;
    this.loading ??= (async () => {
      const [units, settings] = await Promise.all([this.repo.unitTree(), this.repo.allSettings()]);
      const nameOf = new Map(units.map((u) => [u.id, u.name]));
      const routes = new Map(settings.map((s): [number, ZaloRoute] => [s.unitId, {
        scope: unitScope(s.unitId), unitId: s.unitId, name: nameOf.get(s.unitId) ?? `Đơn vị ${s.unitId}`, appId: s.appId, secretKey: s.secretKey, mode: s.mode,
        templates: { before: s.templateBefore, due: s.templateDue, overdue: s.templateOverdue, digest: s.templateDigest },
        firstRefreshToken: null,
        ...(s.secretUnreadable ? { problem: SECRETS_UNREADABLE } : {}),
      }]));
      this.directory = { at: Date.now(), parentOf: new Map(units.map((u) => [u.id, u.parentId])), nameOf, routes };
      return this.directory;
    })().finally(() => (this.loading = null));
    return this.loading;
  }

  /** Settings were changed by this process: read them again at the next send. */
  forget(): void {
    this.directory = null;
  }

  /** The OA a unit's reminders go through: its own or its nearest superior's settings, else the install's; null: none. */
  async route(unitId: number): Promise<ZaloRoute | null> {
    const d = await this.load();
    const owner = settingsUnitFor(unitId, d.parentOf, new Set(d.routes.keys()));
    return owner !== null ? d.routes.get(owner)! : this.installRoute();
  }

  /** Every OA of the install: its own first, then the units' in the order of their ids. */
  async routes(): Promise<ZaloRoute[]> {
    const d = await this.load();
    const install = this.installRoute();
    return [...(install ? [install] : []), ...d.routes.values()];
  }

  /** Some OA can carry a reminder of this unit. */
  async available(unitId: number): Promise<boolean> {
    return (await this.route(unitId)) !== null;
  }

  /** Any OA at all, the install's or a unit's. */
  async anyConfigured(): Promise<boolean> {
    return this.configured || (await this.load()).routes.size > 0;
  }

  /** The install's template id of a kind (the install's OA). */
  templateId(kind: ZaloTemplateKind): string | undefined {
    return this.installRoute()?.templates[kind] ?? undefined;
  }

  /** The OA's account row (tokens, state, quota); the install's is made on first use. */
  async account(route: ZaloRoute | null = this.installRoute()): Promise<ZaloAccount | null> {
    if (!route) return null;
    return route.firstRefreshToken ? this.repo.ensure(route.scope, route.firstRefreshToken) : this.repo.find(route.scope);
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
   * Sends one message through the OA of the message's unit. Answers what
   * came of it; throws only what is worth a retry later (Zalo or Redis
   * unreachable). One OA down leaves the others sending.
   */
  async send(m: ZaloSend, opts: { digest?: boolean } = {}): Promise<ZaloOutcome> {
    const route = await this.route(m.unitId);
    if (!route) return { sent: false, kind: 'off', message: 'Chưa cấu hình Zalo', scope: null };
    return { ...(await this.sendThrough(route, m, opts)), scope: route.scope };
  }

  private async sendThrough(route: ZaloRoute, m: ZaloSend, opts: { digest?: boolean }): Promise<ZaloResult> {
    if (route.problem) return { sent: false, kind: 'account', message: `Kênh Zalo đang ngừng: ${route.problem}` };
    const account = await this.accounts.run(route);
    if (!account) return { sent: false, kind: 'account', message: `Kênh Zalo của ${route.name} chưa có mã làm mới` };
    if (account.status === 'down') return { sent: false, kind: 'account', message: `Kênh Zalo đang ngừng: ${account.problem ?? 'không rõ lý do'}` };
    const today = localDateOf();
    if (account.quotaSpentOn === today) return { sent: false, kind: 'quota', message: 'Zalo OA đã hết hạn mức gửi tin ZNS trong ngày' };
    if (!opts.digest && this.nearQuota(account)) return { sent: false, kind: 'near-quota', message: 'Gần hết hạn mức tin ZNS trong ngày: gộp vào tin tổng hợp của đơn vị' };
    const templateId = route.templates[m.template];
    if (!templateId) return { sent: false, kind: 'template', message: 'Chưa khai báo mẫu tin ZNS cho loại nhắc việc này' };

    let token: string;
    try {
      token = await this.accessToken(account, route);
    } catch (e) {
      if (e instanceof ChannelDown) return { sent: false, kind: 'account', message: e.message };
      throw e;
    }
    const message = { phone: m.phone, templateId, templateData: m.data, trackingId: m.trackingId, development: route.mode === 'development' };
    let result = await this.client.send(token, message);
    if (!result.ok && znsError(result.error).kind === 'token') {
      // refused for its token: refreshed once, sent again
      try {
        token = await this.accessToken(account, route, token);
      } catch (e) {
        if (e instanceof ChannelDown) return { sent: false, kind: 'account', message: e.message };
        throw e;
      }
      result = await this.client.send(token, message);
      if (!result.ok && znsError(result.error).kind === 'token') {
        const problem = 'Mã truy cập Zalo bị từ chối cả sau khi làm mới';
        await this.repo.markDown(account.id, problem);
        this.logger.warn(`${route.name}: ${problem}: kênh Zalo ngừng, nhắc việc gửi qua e-mail`);
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

  /**
   * For the health report: off (no OA at all), up, or down when one OA or
   * more is down, each named with its reason.
   */
  async health(): Promise<{ status: 'off' | 'up' | 'down'; problem?: string; accounts: { name: string; unitId: number | null; status: 'up' | 'down'; problem?: string }[] }> {
    const routes = await this.routes();
    if (!routes.length) return { status: 'off', accounts: [] };
    const accounts = [];
    for (const route of routes) {
      const a = await this.repo.find(route.scope);
      const down = !!route.problem || a?.status === 'down' || (!a && !route.firstRefreshToken);
      const problem = route.problem ?? (a ? a.problem : route.firstRefreshToken ? null : 'Chưa có mã làm mới');
      accounts.push({ name: route.name, unitId: route.unitId, status: down ? 'down' as const : 'up' as const, ...(problem ? { problem } : {}) });
    }
    const down = accounts.filter((a) => a.status === 'down');
    if (down.length) {
      const problem = routes.length === 1 ? down[0].problem ?? 'không rõ lý do' : down.map((a) => `${a.name}: ${a.problem ?? 'không rõ lý do'}`).join('; ');
      return { status: 'down', problem, accounts };
    }
    const noted = accounts.filter((a) => a.problem);
    const problem = routes.length === 1 ? noted[0]?.problem : noted.map((a) => `${a.name}: ${a.problem}`).join('; ');
    return { status: 'up', ...(problem ? { problem } : {}), accounts };
  }

  /** The quota endpoint's answer for one OA, noted on its account; null when it is down or off. */
  async quota(route: ZaloRoute | null = this.installRoute()): Promise<Quota | null> {
    if (!route || route.problem) return null;
    const account = await this.account(route);
    if (!account || account.status === 'down') return null;
    let token: string;
    try {
      token = await this.accessToken(account, route);
    } catch (e) {
      if (e instanceof ChannelDown) return null;
      throw e;
    }
    let r = await this.client.quota(token);
    if (!r.ok && znsError(r.error).kind === 'token') r = await this.client.quota(await this.accessToken(account, route, token));
    if (!r.ok) return null;
    await this.repo.noteQuota(account.id, r.quota.dailyQuota, r.quota.remainingQuota, new Date());
    return r.quota;
  }

  /**
   * A valid access token: the stored one while it lives and was not just
   * refused (`refused`), else a new one, refreshed under the OA's own lock
   * (one per scope: refreshing one OA never waits for another's).
   */
  async accessToken(account: ZaloAccount, route: ZaloRoute, refused?: string): Promise<string> {
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
      if (!current.refreshToken) throw new ChannelDown('Chưa có mã làm mới của Zalo OA');
      let pair;
      try {
        pair = await this.client.refresh(route.appId, route.secretKey, current.refreshToken);
      } catch (e) {
        if (!(e instanceof ZaloTokenError)) throw e;
        const problem = `Không làm mới được mã truy cập Zalo (${e.detail}); quản trị viên cần nhập mã làm mới khác cho Zalo OA`;
        await this.repo.markDown(current.id, problem);
        this.logger.warn(`${route.name}: ${problem}`);
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
