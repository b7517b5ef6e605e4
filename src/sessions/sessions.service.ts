import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { UserActor } from '../access/actor.js';
import { grantsOf, ROLE_LABELS, type Grant } from '../access/roles.js';
import { AccountSignInsRevoked } from '../accounts/accounts.events.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import type { User } from '../accounts/entities/user.entity.js';
import { hashPassword, passwordProblem, verifyNothing, verifyPassword } from '../accounts/passwords.js';
import { audit } from '../audit/audit.js';
import { Invalid, TooManyRequests } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { Transactions } from '../database/transactions.js';
import { OnAppEvent } from '../events/app-event.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { ChangePasswordDto, LoginDto } from './dto/sign-in.dto.js';
import { AttemptsExhausted, LoginLimiter } from './login-limiter.js';
import { SessionsRepository } from './sessions.repository.js';
import { csrfTokenFor, signAccessToken, verifyAccessToken } from './tokens.js';

export class TooManyAttempts extends TooManyRequests {
  constructor(retryAfterSeconds: number, what = 'Đăng nhập sai') {
    super(`${what} quá nhiều lần. Vui lòng thử lại sau ${retryAfterSeconds} giây.`, retryAfterSeconds);
  }
}

export const BAD_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng';

/** What the web page and clients learn of the signed-in person. */
export interface Me {
  id: number;
  username: string;
  role: UserActor['role'];
  roleLabel: string;
  name: string;
  unitId: number | null;
  unitName: string | null;
  officialId: number | null;
  mustChangePassword: boolean;
  /** The roles this person may give to accounts of their unit's officials (or any unit's, for the administrator). */
  grants: Grant[];
}

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: Date;
  csrfToken: string;
}

export type Authentication = { actor: UserActor; claims: { issuedAt: number; expiresAt: number }; mustChangePassword: boolean };

/** Signing in and out, and turning an access token back into a person. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tx: Transactions,
    private readonly limiter: LoginLimiter,
    private readonly sessions: SessionsRepository,
    private readonly accounts: AccountsRepository,
    private readonly organization: OrganizationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(dto: LoginDto, address: string): Promise<IssuedToken & { user: Me }> {
    const username = dto.username.trim().toLowerCase();
    try {
      // the attempt counts before the password is checked: concurrent guesses cannot all slip past the limit
      await this.limiter.attempt(username, address);
    } catch (e) {
      if (e instanceof AttemptsExhausted) throw new TooManyAttempts(e.retryAfterSeconds);
      throw e;
    }
    const user = await this.accounts.withHash({ username });
    const ok = user ? await verifyPassword(user.passwordHash!, dto.password) : await verifyNothing(dto.password);
    // a locked account, or one whose official is no longer active, answers exactly as a wrong
    // password: the answer never confirms that a guessed password was right
    if (!ok || !user || !user.active || !(await this.officialActive(user))) throw new UnauthorizedException(BAD_CREDENTIALS);
    await this.limiter.succeeded(username, address);
    const actor = await this.actorOf(user, '');
    const session = await this.tx.run(async (em) => {
      const s = await this.sessions.start(em, user.id, new Date(Date.now() + this.config.env.SESSION_HOURS * 3600_000));
      await audit(em, actor, { unitId: user.unitId, entity: 'user', entityId: user.id, action: 'login', changes: {}, note: `Địa chỉ ${address}` });
      return s;
    });
    return { ...(await this.issue(user.id, session.id)), user: await this.me({ ...actor, sessionId: session.id }) };
  }

  private async officialActive(user: User): Promise<boolean> {
    return user.officialId === null || (await this.organization.official(user.officialId))?.active === true;
  }

  /** A new access token for a live session (the web page's cookie, renewed while the person works). */
  async issue(userId: number, sessionId: string): Promise<IssuedToken> {
    const { token, expiresAt } = await signAccessToken(this.config.jwtSecret, userId, sessionId, this.config.env.ACCESS_TOKEN_MINUTES * 60);
    return { accessToken: token, tokenType: 'Bearer', expiresAt, csrfToken: this.csrfToken(sessionId) };
  }

  csrfToken(sessionId: string): string {
    return csrfTokenFor(this.config.jwtSecret, sessionId);
  }

  /** The person behind a token, or why there is none (expired, forged, signed out, locked). */
  async authenticate(token: string): Promise<Authentication | 'expired' | 'invalid'> {
    const claims = await verifyAccessToken(this.config.jwtSecret, token);
    if (typeof claims === 'string') return claims;
    // every request pays this: one query for the session, the account and the official's name
    const row = await this.sessions.live(claims.sessionId, claims.userId, new Date());
    if (!row) return 'expired';
    const user = {
      id: Number(row.id), username: String(row.username), role: row.role as User['role'],
      unitId: row.unit_id === null ? null : Number(row.unit_id), officialId: row.official_id === null ? null : Number(row.official_id),
    } as User;
    return {
      actor: await this.actorOf(user, claims.sessionId, (row.full_name as string | null) ?? null),
      claims: { issuedAt: claims.issuedAt, expiresAt: claims.expiresAt },
      mustChangePassword: !!Number(row.must_change_password) || row.must_change_password === true,
    };
  }

  /** The daily clean-up: sign-ins that ended (signed out or expired) more than `keepDays` ago. */
  pruneSessions(now = new Date(), keepDays = 7): Promise<number> {
    const before = new Date(now.getTime() - keepDays * 86_400_000);
    return this.tx.run((em) => this.sessions.deleteEndedBefore(em, before));
  }

  /** A lock or a reset by someone else ends every sign-in of the account. */
  @OnAppEvent(AccountSignInsRevoked)
  async onSignInsRevoked(e: AccountSignInsRevoked): Promise<void> {
    await this.tx.run((em) => this.sessions.endAll(em, e.userId));
  }

  logout(actor: UserActor): Promise<void> {
    return this.tx.run(async (em) => {
      await this.sessions.end(em, actor.sessionId);
      await audit(em, actor, { unitId: actor.unitId, entity: 'user', entityId: actor.userId, action: 'logout', changes: {} });
    });
  }

  /** Changes one's own password; every other sign-in of the account ends. */
  async changePassword(actor: UserActor, dto: ChangePasswordDto): Promise<{ changed: true }> {
    try {
      // guessing the current password is limited as signing in is
      await this.limiter.attempt(`#${actor.userId}`, `password-change:${actor.userId}`);
    } catch (e) {
      if (e instanceof AttemptsExhausted) throw new TooManyAttempts(e.retryAfterSeconds, 'Nhập sai mật khẩu hiện tại');
      throw e;
    }
    const user = await this.accounts.withHash({ id: actor.userId });
    if (!user) throw new UnauthorizedException(BAD_CREDENTIALS);
    if (!(await verifyPassword(user.passwordHash!, dto.currentPassword))) {
      throw new Invalid('currentPassword: mật khẩu hiện tại không đúng', 'currentPassword');
    }
    await this.limiter.succeeded(`#${actor.userId}`, `password-change:${actor.userId}`);
    const problem = passwordProblem(dto.newPassword, user.username);
    if (problem) throw new Invalid(`newPassword: ${problem}`, 'newPassword');
    if (dto.newPassword === dto.currentPassword) throw new Invalid('newPassword: mật khẩu mới phải khác mật khẩu hiện tại', 'newPassword');
    const hash = await hashPassword(dto.newPassword);
    await this.tx.run(async (em) => {
      await this.accounts.setPassword(em, actor.userId, hash, false);
      await this.sessions.endAll(em, actor.userId, actor.sessionId);
      await audit(em, actor, { unitId: actor.unitId, entity: 'user', entityId: actor.userId, action: 'password_changed', changes: {} });
    });
    return { changed: true };
  }

  async me(actor: UserActor): Promise<Me> {
    const user = await this.accounts.byId(actor.userId);
    if (!user) throw new UnauthorizedException(BAD_CREDENTIALS);
    const unit = user.unitId ? await this.organization.unit(user.unitId) : null;
    return {
      id: user.id, username: user.username, role: user.role, roleLabel: ROLE_LABELS[user.role], name: actor.name,
      unitId: user.unitId, unitName: unit?.name ?? null, officialId: user.officialId, mustChangePassword: user.mustChangePassword,
      grants: grantsOf(user.role),
    };
  }

  /** The person as services see them: their name, and the units whose data they may see. */
  async actorOf(user: User, sessionId: string, officialName?: string | null): Promise<UserActor> {
    const name = officialName !== undefined ? officialName
      : user.officialId ? (await this.organization.official(user.officialId))?.fullName ?? null : null;
    return {
      kind: 'user',
      userId: user.id,
      username: user.username,
      name: name ?? user.username,
      role: user.role,
      unitId: user.unitId,
      officialId: user.officialId,
      unitIds: await this.scope(user),
      sessionId,
    };
  }

  /** A superior-level viewer sees every unit beneath its own; the administrator every unit; others their own. */
  private async scope(user: User): Promise<number[] | 'all'> {
    if (user.role === 'admin') return 'all';
    if (!user.unitId) return [];
    if (user.role !== 'viewer') return [user.unitId];
    return this.organization.selfAndBeneath(user.unitId);
  }
}
