import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Role } from '../access/roles.js';
import { User } from './entities/user.entity.js';

/** Accounts, as sign-in and the features above read them. */
@Injectable()
export class AccountsRepository {
  constructor(private readonly db: DataSource) {}

  any(): Promise<boolean> {
    return this.db.getRepository(User).exists();
  }

  byId(id: number, em: EntityManager = this.db.manager): Promise<User | null> {
    return em.findOneBy(User, { id });
  }

  /** With its password hash, which no other read returns. */
  withHash(where: { username: string } | { id: number }): Promise<User | null> {
    const qb = this.db.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash');
    return ('username' in where ? qb.where('u.username = :username', where) : qb.where('u.id = :id', where)).getOne();
  }

  async setPassword(em: EntityManager, id: number, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await em.update(User, id, { passwordHash, mustChangePassword });
  }

  /** The officials behind the active accounts of a unit that hold one of these roles (who hears that a report is ready). */
  async officialIdsWithRole(unitId: number, roles: Role[]): Promise<number[]> {
    const users = await this.db.getRepository(User).findBy({ unitId, role: In(roles), active: true });
    return [...new Set(users.map((u) => u.officialId).filter((id): id is number => id !== null))];
  }
}
