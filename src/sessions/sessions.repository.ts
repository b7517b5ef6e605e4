import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Session } from './entities/session.entity.js';

/** A live session joined with its account and the official's name: what every request needs. */
export type LiveSession = Record<'id' | 'username' | 'role' | 'unit_id' | 'official_id' | 'must_change_password' | 'full_name', unknown>;

/** Sign-ins (user_session). */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: DataSource) {}

  start(em: EntityManager, userId: number, expiresAt: Date): Promise<Session> {
    return em.save(Session, em.create(Session, { id: randomBytes(24).toString('base64url'), userId, expiresAt, revokedAt: null }));
  }

  /** The session, if still live, with its account (active, and its official active): one query on every request. */
  async live(sessionId: string, userId: number, now: Date): Promise<LiveSession | null> {
    const sql = `SELECT u.id, u.username, u.role, u.unit_id, u.official_id, u.must_change_password, o.full_name
      FROM user_session s JOIN app_user u ON u.id = s.user_id LEFT JOIN official o ON o.id = u.official_id
      WHERE s.id = :sid AND s.user_id = :uid AND s.revoked_at IS NULL AND s.expires_at > :now AND u.active = :active
        AND (u.official_id IS NULL OR o.active = :active)`;
    const [row]: LiveSession[] = await this.db.query(...this.db.driver.escapeQueryWithParameters(
      sql, { sid: sessionId, uid: userId, now, active: true },
    ));
    return row ?? null;
  }

  async end(em: EntityManager, sessionId: string): Promise<void> {
    await em.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every sign-in of an account but one (the caller's own, on a password change). */
  async endAll(em: EntityManager, userId: number, except?: string): Promise<void> {
    const q = em.createQueryBuilder().update(Session).set({ revokedAt: new Date() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (except) q.andWhere('id <> :except', { except });
    await q.execute();
  }

  /** Sign-ins that ended (signed out or expired) before this instant. */
  async deleteEndedBefore(em: EntityManager, before: Date): Promise<number> {
    const result = await em.createQueryBuilder().delete().from(Session)
      .where('expires_at < :before OR revoked_at < :before', { before }).execute();
    return result.affected ?? 0;
  }
}
