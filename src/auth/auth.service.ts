import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { audit } from '../audit/audit.js';
import { Invalid } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { Transactions } from '../database/transactions.js';
import { Official } from '../organization/entities/official.entity.js';
import { Unit } from '../organization/entities/unit.entity.js';
import type { UserActor } from './actor.js';
import { ChangePasswordDto, LoginDto } from './dto/auth.dto.js';
import { Session } from './entities/session.entity.js';
import { User } from './entities/user.entity.js';
import { LoginLimiter } from './login-limiter.js';
import { hashPassword, passwordProblem, verifyNothing, verifyPassword } from './passwords.js';
import { grantsOf, ROLE_LABELS, type Grant } from './roles.js';
import { csrfTokenFor, signAccessToken, verifyAccessToken } from './tokens.js';

export class TooManyAttempts extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(`Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${retryAfterSeconds} giây.`, HttpStatus.TOO_MANY_REQUESTS);
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
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly limiter: LoginLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(dto: LoginDto, address: string): Promise<IssuedToken & { user: Me }> {
    const username = dto.username.trim().toLowerCase();
    const wait = await this.limiter.retryAfter(username, address);
    if (wait) throw new TooManyAttempts(wait);
    const user = await this.db.getRepository(User).createQueryBuilder('u')
      .addSelect('u.passwordHash').where('u.username = :username', { username }).getOne();
    const ok = user ? await verifyPassword(user.passwordHash!, dto.password) : await verifyNothing(dto.password);
    if (!ok || !user) {
      await this.limiter.recordFailure(username, address);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    if (!user.active) throw new UnauthorizedException('Tài khoản đã bị khóa. Liên hệ quản trị hoặc Chủ tịch UBND.');
    await this.limiter.clear(username);
    const actor = await this.actorOf(user, '');
    const session = await this.tx.run(async (em) => {
      const s = await em.save(Session, em.create(Session, {
        id: randomBytes(24).toString('base64url'),
        userId: user.id,
        expiresAt: new Date(Date.now() + this.config.env.SESSION_HOURS * 3600_000),
        revokedAt: null,
      }));
      await audit(em, actor, { unitId: user.unitId, entity: 'user', entityId: user.id, action: 'login', changes: {}, note: `Địa chỉ ${address}` });
      return s;
    });
    return { ...(await this.issue(user.id, session.id)), user: await this.me({ ...actor, sessionId: session.id }) };
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
    const sql = `SELECT u.id, u.username, u.role, u.unit_id, u.official_id, u.must_change_password, o.full_name
      FROM user_session s JOIN app_user u ON u.id = s.user_id LEFT JOIN official o ON o.id = u.official_id
      WHERE s.id = :sid AND s.user_id = :uid AND s.revoked_at IS NULL AND s.expires_at > :now AND u.active = :active`;
    const [row]: Record<string, unknown>[] = await this.db.query(...this.db.driver.escapeQueryWithParameters(
      sql, { sid: claims.sessionId, uid: claims.userId, now: new Date(), active: true },
    ));
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
  async pruneSessions(now = new Date(), keepDays = 7): Promise<number> {
    const before = new Date(now.getTime() - keepDays * 86_400_000);
    const result = await this.tx.run((em) => em.createQueryBuilder().delete().from(Session)
      .where('expires_at < :before OR revoked_at < :before', { before }).execute());
    return result.affected ?? 0;
  }

  logout(actor: UserActor): Promise<void> {
    return this.tx.run(async (em) => {
      await em.update(Session, { id: actor.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await audit(em, actor, { unitId: actor.unitId, entity: 'user', entityId: actor.userId, action: 'logout', changes: {} });
    });
  }

  /** Changes one's own password; every other sign-in of the account ends. */
  async changePassword(actor: UserActor, dto: ChangePasswordDto): Promise<{ changed: true }> {
    const user = await this.db.getRepository(User).createQueryBuilder('u')
      .addSelect('u.passwordHash').where('u.id = :id', { id: actor.userId }).getOneOrFail();
    if (!(await verifyPassword(user.passwordHash!, dto.currentPassword))) {
      throw new Invalid('currentPassword: mật khẩu hiện tại không đúng', 'currentPassword');
    }
    const problem = passwordProblem(dto.newPassword, user.username);
    if (problem) throw new Invalid(`newPassword: ${problem}`, 'newPassword');
    if (dto.newPassword === dto.currentPassword) throw new Invalid('newPassword: mật khẩu mới phải khác mật khẩu hiện tại', 'newPassword');
    const hash = await hashPassword(dto.newPassword);
    await this.tx.run(async (em) => {
      await em.update(User, actor.userId, { passwordHash: hash, mustChangePassword: false });
      await endSessions(em, actor.userId, actor.sessionId);
      await audit(em, actor, { unitId: actor.unitId, entity: 'user', entityId: actor.userId, action: 'password_changed', changes: {} });
    });
    return { changed: true };
  }

  async me(actor: UserActor): Promise<Me> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: actor.userId });
    const unit = user.unitId ? await this.db.getRepository(Unit).findOneBy({ id: user.unitId }) : null;
    return {
      id: user.id, username: user.username, role: user.role, roleLabel: ROLE_LABELS[user.role], name: actor.name,
      unitId: user.unitId, unitName: unit?.name ?? null, officialId: user.officialId, mustChangePassword: user.mustChangePassword,
      grants: grantsOf(user.role),
    };
  }

  /** The person as services see them: their name, and the units whose data they may see. */
  async actorOf(user: User, sessionId: string, officialName?: string | null): Promise<UserActor> {
    const name = officialName !== undefined ? officialName
      : user.officialId ? (await this.db.getRepository(Official).findOneBy({ id: user.officialId }))?.fullName ?? null : null;
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
    const sql = `WITH RECURSIVE beneath(id) AS (
        SELECT id FROM unit WHERE id = :unitId
        UNION SELECT u.id FROM unit u JOIN beneath b ON u.parent_id = b.id)
      SELECT id FROM beneath`;
    const rows: { id: number }[] = await this.db.query(...this.db.driver.escapeQueryWithParameters(sql, { unitId: user.unitId }));
    return rows.map((r) => Number(r.id));
  }
}

/** Ends every sign-in of an account but one (the caller's own, on a password change). */
export async function endSessions(em: EntityManager, userId: number, except?: string): Promise<void> {
  const q = em.createQueryBuilder().update(Session).set({ revokedAt: new Date() })
    .where('user_id = :userId AND revoked_at IS NULL', { userId });
  if (except) q.andWhere('id <> :except', { except });
  await q.execute();
}
