import { ForbiddenException, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RateLimit, RateLimits } from '../redis/rate-limits.js';
import { DataSource, EntityManager } from 'typeorm';
import { audit, diff } from '../audit/audit.js';
import { Conflict, Invalid, isUniqueViolation, NotFound, TooManyRequests } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { Transactions } from '../database/transactions.js';
import { expectedVersion, updateVersioned } from '../database/versioned-update.js';
import { Actor, inScope, scopeOf, SYSTEM, UserActor } from '../access/actor.js';
import { EventBus } from '../events/event-bus.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { AccountSignInsRevoked } from './accounts.events.js';
import { AccountsRepository } from './accounts.repository.js';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto, UserPageQuery } from './dto/account.dto.js';
import { pageOf, textMatcher, type Page } from '../common/paging.js';
import { User } from './entities/user.entity.js';
import { generatePassword, hashPassword, passwordProblem } from './passwords.js';
import { Role, rolesGrantedBy, UNIT_MEMBER_ROLES } from '../access/roles.js';

/** The one answer to a username in use, wherever it is. */
export class UsernameTaken extends Conflict {
  constructor(username: string) {
    super(`Tên đăng nhập "${username}" không dùng được. Hãy chọn tên khác, ví dụ thêm tên xã: "${username}.tenxa".`);
  }
}

export class TooManyRefusedNames extends TooManyRequests {
  constructor(retryAfterSeconds: number) {
    super(`Đã thử quá nhiều tên đăng nhập không dùng được. Vui lòng thử lại sau ${retryAfterSeconds} giây.`, retryAfterSeconds);
  }
}

const REFUSED_NAMES_PER_HOUR = 10;

const AUDITED: (keyof User & string)[] = ['username', 'role', 'unitId', 'officialId', 'active', 'mustChangePassword'];

/** Accounts: created by the administrator, or by a chairman for the officials of their unit. */
@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventBus,
    private readonly repo: AccountsRepository,
    private readonly organization: OrganizationRepository,
    limits: RateLimits,
  ) {
    this.refusedNames = limits.limit('refused-usernames', REFUSED_NAMES_PER_HOUR, 3600);
  }

  private readonly refusedNames: RateLimit;

  /** On an empty database: the first administrator, from ADMIN_USERNAME / ADMIN_PASSWORD or with a password printed once. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.repo.any()) return;
    const username = (this.config.env.ADMIN_USERNAME ?? 'admin').toLowerCase();
    const password = this.config.env.ADMIN_PASSWORD ?? generatePassword();
    try {
      await this.createIn(SYSTEM, { username, password, role: 'admin', unitId: null, officialId: null });
    } catch (e) {
      if (e instanceof Conflict || isUniqueViolation(e)) return; // another process made it first
      throw e;
    }
    if (this.config.env.ADMIN_PASSWORD) {
      this.logger.log(`Đã tạo tài khoản quản trị "${username}" (mật khẩu từ ADMIN_PASSWORD).`);
    } else {
      // printed once, on purpose: this is how the person installing the product learns it
      this.logger.warn(`Đã tạo tài khoản quản trị "${username}" với mật khẩu: ${password}  (chỉ in một lần; hãy đổi sau khi đăng nhập)`);
    }
  }

  list(actor: UserActor, q: ListUsersQuery): Promise<User[]> {
    const qb = this.db.getRepository(User).createQueryBuilder('u').orderBy('u.unit_id', 'ASC').addOrderBy('u.id', 'ASC');
    const scope = scopeOf(actor);
    if (scope) qb.andWhere('u.unit_id IN (:...scope)', { scope: scope.length ? scope : [0] });
    if (q.unitId) qb.andWhere('u.unit_id = :unitId', { unitId: q.unitId });
    return qb.getMany();
  }

  /**
   * One page of the accounts in scope (or of one unit, or of some officials),
   * by unit then as they were made, each with its official's name, searched on
   * the server (name, official's name, role in words).
   */
  async page(actor: UserActor, q: UserPageQuery): Promise<Page<User & { officialName: string | null }>> {
    let users = await this.list(actor, { unitId: q.unitId });
    if (q.officialIds) {
      const wanted = new Set(q.officialIds);
      users = users.filter((u) => u.officialId !== null && wanted.has(u.officialId));
    }
    const officialIds = [...new Set(users.map((u) => u.officialId).filter((id): id is number => id !== null))];
    const names = new Map<number, string>();
    // a thousand ids per query: an install's every official would pass the databases' limit on parameters
    for (let i = 0; i < officialIds.length; i += 1000) {
      for (const o of await this.organization.officialsByIds(officialIds.slice(i, i + 1000))) names.set(o.id, o.fullName);
    }
    const rows = users
      .map((u) => Object.assign(u, { officialName: u.officialId === null ? null : names.get(u.officialId) ?? null }))
      .filter(textMatcher(q.q, (u: User & { officialName: string | null }) => [u.username, u.officialName, u.roleLabel]));
    return pageOf(rows, q);
  }

  async get(id: number): Promise<User> {
    const user = await this.db.getRepository(User).findOneBy({ id });
    if (!user) throw new NotFound('tài khoản', id);
    return user;
  }

  /**
   * Usernames are unique in the whole install, so a refused name tells that it
   * exists somewhere: the refusal says no more than that (the same answer
   * whatever commune holds it), and a person gets REFUSED_NAMES_PER_HOUR of
   * them an hour, so names cannot be harvested by trying.
   */
  async create(actor: UserActor, dto: CreateUserDto): Promise<User> {
    const key = String(actor.userId);
    const wait = await this.refusedNames.blockedFor(key);
    if (wait) throw new TooManyRefusedNames(wait);
    const unitId = dto.unitId === undefined && actor.role === 'chairman' ? actor.unitId : dto.unitId ?? null;
    try {
      // the password was chosen by someone else: its owner replaces it at first sign-in, unless the creator says otherwise
      return await this.createIn(actor, { ...dto, unitId, officialId: dto.officialId ?? null, mustChangePassword: dto.mustChangePassword ?? true });
    } catch (e) {
      if (e instanceof UsernameTaken) await this.refusedNames.take(key).catch(() => undefined);
      throw e;
    }
  }

  /** Creates an account inside a transaction of the caller's (the demo loader) or its own. */
  async createIn(actor: Actor, dto: { username: string; password: string; role: Role; unitId: number | null; officialId: number | null; mustChangePassword?: boolean }, em?: EntityManager): Promise<User> {
    const username = dto.username.toLowerCase();
    const problem = passwordProblem(dto.password, username);
    if (problem) throw new Invalid(`password: ${problem}`, 'password');
    const hash = await hashPassword(dto.password);
    const work = async (em: EntityManager) => {
      await this.checkTies(em, actor, dto.role, dto.unitId, dto.officialId);
      if (dto.officialId && (await em.existsBy(User, { officialId: dto.officialId }))) throw new Conflict('Cán bộ này đã có tài khoản');
      if (await em.existsBy(User, { username })) throw new UsernameTaken(username);
      const user = await em.save(User, em.create(User, {
        username, passwordHash: hash, role: dto.role, unitId: dto.unitId, officialId: dto.officialId,
        active: true, mustChangePassword: dto.mustChangePassword ?? false,
      }));
      delete user.passwordHash;
      await audit(em, actor, { unitId: user.unitId, entity: 'user', entityId: user.id, action: 'created', changes: diff(null, user, AUDITED) });
      return user;
    };
    try {
      return await (em ? work(em) : this.tx.run(work));
    } catch (e) {
      // a rival request took the name (or the official) between the check and the insert
      if (isUniqueViolation(e)) throw new UsernameTaken(username);
      throw e;
    }
  }

  update(actor: UserActor, id: number, dto: UpdateUserDto): Promise<User> {
    return this.tx.run(async (em) => {
      const user = await em.findOneBy(User, { id });
      if (!user) throw new NotFound('tài khoản', id);
      this.mayManage(actor, user.role);
      const version = expectedVersion(user, dto.version);
      const role = dto.role ?? user.role;
      const officialId = dto.officialId !== undefined ? dto.officialId : user.officialId;
      await this.checkTies(em, actor, role, user.unitId, officialId);
      if (user.id === actor.userId && (dto.active === false || (dto.role && dto.role !== user.role))) {
        throw new Invalid('Không thể tự khóa hoặc tự đổi vai trò của chính mình');
      }
      const { version: _v, ...patch } = dto;
      const after = { ...user, ...patch };
      const changes = diff(user, after, AUDITED);
      if (!Object.keys(changes).length) return user;
      await updateVersioned(em, User, id, version, patch);
      if (dto.active === false) this.events.publish(em, new AccountSignInsRevoked(id, 'locked'));
      await audit(em, actor, { unitId: user.unitId, entity: 'user', entityId: id, action: 'updated', changes });
      return em.findOneByOrFail(User, { id });
    });
  }

  /** An administrator's reset: a new password (given, or generated and returned once), to be changed at next sign-in. */
  async resetPassword(actor: UserActor, id: number, dto: ResetPasswordDto): Promise<{ user: User; password?: string }> {
    const user = await this.get(id);
    const password = dto.password ?? generatePassword();
    const problem = passwordProblem(password, user.username);
    if (problem) throw new Invalid(`password: ${problem}`, 'password');
    const hash = await hashPassword(password);
    const updated = await this.tx.run(async (em) => {
      await this.repo.setPassword(em, id, hash, true);
      this.events.publish(em, new AccountSignInsRevoked(id, 'password_reset'));
      await audit(em, actor, {
        unitId: user.unitId, entity: 'user', entityId: id, action: 'password_reset',
        changes: { mustChangePassword: { from: user.mustChangePassword, to: true } },
      });
      return em.findOneByOrFail(User, { id });
    });
    return { user: updated, ...(dto.password ? {} : { password }) };
  }

  /** A chairman manages the accounts of their unit, and only the roles they may grant. */
  private mayManage(actor: Actor, role: Role): void {
    if (actor.kind === 'system') return;
    if (!rolesGrantedBy(actor.role).includes(role)) {
      throw new ForbiddenException(`Chủ tịch UBND chỉ cấp hoặc sửa tài khoản Phó Chủ tịch, công chức, công chức lập báo cáo`);
    }
  }

  /** The unit and official an account is tied to: in the caller's scope, and consistent with the role. */
  private async checkTies(em: EntityManager, actor: Actor, role: Role, unitId: number | null, officialId: number | null): Promise<void> {
    this.mayManage(actor, role);
    if (role !== 'admin' && !unitId) throw new Invalid('unitId: tài khoản này cần gắn với một đơn vị', 'unitId');
    if (unitId && (!inScope(actor, unitId) || !(await this.organization.unit(unitId, em)))) {
      throw new Invalid(`unitId: không có đơn vị mã ${unitId}`, 'unitId');
    }
    if (UNIT_MEMBER_ROLES.includes(role) && !officialId) {
      throw new Invalid('officialId: tài khoản Chủ tịch, Phó Chủ tịch, công chức cần gắn với một cán bộ của đơn vị', 'officialId');
    }
    if (officialId) {
      const official = await this.organization.official(officialId, em);
      if (!official || official.unitId !== unitId) throw new Invalid(`officialId: không có cán bộ mã ${officialId} trong đơn vị`, 'officialId');
    }
  }
}
