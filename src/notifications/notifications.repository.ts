import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import { isUniqueViolation } from '../common/errors.js';
import { DeliveryClaim } from './entities/delivery-claim.entity.js';
import { Notification } from './entities/notification.entity.js';

export interface ClaimAbout {
  taskId: number | null;
  dueOn: string | null;
  kind: string;
  channel?: string | null;
  officialId?: number | null;
  unitId?: number | null;
}

/**
 * Inserts one row and answers its id, without reading the row back (TypeORM's
 * em.insert() SELECTs the columns the database filled in after each insert on
 * SQLite): the id is SQLite's last row id, or PostgreSQL's RETURNING.
 */
async function insertId(em: EntityManager, entity: typeof DeliveryClaim | typeof Notification, row: object): Promise<number> {
  const qb = em.createQueryBuilder().insert().into(entity).values(row).updateEntity(false);
  if (em.connection.options.type === 'postgres') {
    const r = await qb.returning('id').execute();
    return Number((r.raw as { id: number | string }[])[0].id);
  }
  return Number((await qb.execute()).raw);
}

/** A claim's row as inserted: what it is about, and when it began and was settled. */
function claimRow(key: string, what: ClaimAbout, notifiedAt: Date | null, mailedAt: Date | null) {
  return { key, channel: null, officialId: null, unitId: null, outcome: null, ...what, notifiedAt, mailedAt };
}

/** Notifications and the delivery claims that make each message go out once. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * A delivery claim. The key is unique: the first attempt inserts it, a
   * retry or a rival worker finds it. Started at once when `at` is given (a
   * Zalo message's: committed as started before the send). fresh: this call
   * made it; otherwise it was there already.
   */
  async start(em: EntityManager, key: string, what: ClaimAbout, at: Date | null): Promise<{ claim: DeliveryClaim; fresh: boolean }> {
    const existing = await em.findOneBy(DeliveryClaim, { key });
    if (existing) return { claim: existing, fresh: false };
    const row = claimRow(key, what, at, null);
    try {
      // on PostgreSQL in a savepoint, so that losing the race does not abort the surrounding transaction;
      // SQLite's one writer cannot lose it, and a failed statement there leaves the transaction as it was
      const id = em.connection.options.type === 'postgres' ? await em.transaction((m) => insertId(m, DeliveryClaim, row)) : await insertId(em, DeliveryClaim, row);
      return { claim: Object.assign(new DeliveryClaim(), row, { id }), fresh: true };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return { claim: await em.findOneByOrFail(DeliveryClaim, { key }), fresh: false };
    }
  }

  /** Which of these keys are claimed already. */
  async claimedKeys(em: EntityManager, keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await em.createQueryBuilder(DeliveryClaim, 'c').select('c.key', 'key').where('c.key IN (:...keys)', { keys }).getRawMany<{ key: string }>();
    return new Set(rows.map((r) => r.key));
  }

  /**
   * New claims in one statement, and their ids by key. A key claimed meanwhile
   * (a rival process, on PostgreSQL) fails the whole statement: the caller
   * rolls back and claims one by one (start()).
   */
  async insertClaims(em: EntityManager, claims: { key: string; what: ClaimAbout; notifiedAt: Date | null; mailedAt: Date | null }[]): Promise<Map<string, number>> {
    if (!claims.length) return new Map();
    const rows = claims.map((c) => claimRow(c.key, c.what, c.notifiedAt, c.mailedAt));
    await em.createQueryBuilder().insert().into(DeliveryClaim).values(rows).updateEntity(false).execute();
    const found = await em.createQueryBuilder(DeliveryClaim, 'c').select('c.id', 'id').addSelect('c.key', 'key')
      .where('c.key IN (:...keys)', { keys: rows.map((r) => r.key) }).getRawMany<{ id: number | string; key: string }>();
    return new Map(found.map((r) => [r.key, Number(r.id)]));
  }

  /** Claims settled at once: mailed (the message's claims), or with what came of them (Zalo's), in one statement per outcome. */
  async settleAll(em: EntityManager, ids: number[], at: Date, outcome?: { outcome: string; accountScope: string | null }): Promise<void> {
    if (!ids.length) return;
    const set = outcome ? { mailedAt: at, outcome: outcome.outcome.slice(0, 300), accountScope: outcome.accountScope } : { mailedAt: at };
    await em.createQueryBuilder().update(DeliveryClaim).set(set).where('id IN (:...ids)', { ids }).execute();
  }

  /**
   * A send begun before and not settled, taken over by this attempt: its
   * start is now (so a rival presumes it in flight). False when a rival took
   * it over first.
   */
  async takeOver(em: EntityManager, claim: DeliveryClaim, at: Date): Promise<boolean> {
    const r = await em.createQueryBuilder().update(DeliveryClaim)
      .set({ notifiedAt: at, outcome: null })
      .where('id = :id AND notified_at = :was AND mailed_at IS NULL', { id: claim.id, was: claim.notifiedAt })
      .execute();
    return (r.affected ?? 0) === 1;
  }

  /** Why an attempt stopped before the mail was accepted: the next one may go at once. */
  async noteFailure(em: EntityManager, claimId: number, why: string): Promise<void> {
    await em.update(DeliveryClaim, claimId, { outcome: why.slice(0, 300) });
  }

  /** The Zalo messages of a task, one per official and reminder, with what came of each. */
  channelOutcomes(taskId: number): Promise<DeliveryClaim[]> {
    return this.db.getRepository(DeliveryClaim).find({ where: { taskId, channel: 'zalo' }, order: { id: 'ASC' } });
  }

  /**
   * Zalo messages sent (settled as 'sent') and fallen back to e-mail per unit
   * and the account they went through, since an instant: the month's count.
   */
  async zaloSentPerUnit(since: Date): Promise<{ unitId: number; scope: string | null; sent: number; fellBack: number }[]> {
    const rows = await this.db.createQueryBuilder(DeliveryClaim, 'c')
      .select('c.unit_id', 'unitId')
      .addSelect('c.account_scope', 'scope')
      .addSelect("SUM(CASE WHEN c.outcome = 'sent' THEN 1 ELSE 0 END)", 'sent')
      .addSelect("SUM(CASE WHEN c.outcome <> 'sent' THEN 1 ELSE 0 END)", 'fellBack')
      .where("c.channel = 'zalo' AND c.claimed_at >= :since AND c.unit_id IS NOT NULL", { since })
      .groupBy('c.unit_id').addGroupBy('c.account_scope')
      .orderBy('c.unit_id').addOrderBy('c.account_scope')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ unitId: Number(r.unitId), scope: (r.scope as string | null) ?? null, sent: Number(r.sent ?? 0), fellBack: Number(r.fellBack ?? 0) }));
  }

  /** Units whose Zalo reminders were held back near the quota since an instant, with how many. */
  async heldBackPerUnit(since: Date, outcome: string): Promise<{ unitId: number; count: number }[]> {
    const rows = await this.db.createQueryBuilder(DeliveryClaim, 'c')
      .select('c.unit_id', 'unitId').addSelect('COUNT(*)', 'count')
      .where("c.channel = 'zalo' AND c.claimed_at >= :since AND c.outcome = :outcome AND c.unit_id IS NOT NULL", { since, outcome })
      .groupBy('c.unit_id')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ unitId: Number(r.unitId), count: Number(r.count) }));
  }

  insert(em: EntityManager, n: Pick<Notification, 'officialId' | 'taskId' | 'kind' | 'dueOn' | 'title' | 'body'>): Promise<number> {
    return insertId(em, Notification, n);
  }

  /** The reminders already delivered for these tasks, as "task|due date|kind". */
  async deliveredReminders(taskIds: number[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < taskIds.length; i += 1000) {
      const rows = await this.db.getRepository(DeliveryClaim).find({
        select: { taskId: true, dueOn: true, kind: true },
        where: { taskId: In(taskIds.slice(i, i + 1000)) },
      });
      for (const r of rows) out.add(`${r.taskId}|${r.dueOn}|${r.kind}`);
    }
    return out;
  }

  list(officialId: number, opts: { unread?: boolean; limit: number; beforeId?: number }): Promise<Notification[]> {
    return this.db.getRepository(Notification).find({
      where: { officialId, ...(opts.unread ? { readAt: IsNull() } : {}), ...(opts.beforeId ? { id: LessThan(opts.beforeId) } : {}) },
      order: { id: 'DESC' },
      take: opts.limit,
    });
  }

  unreadCount(officialId: number): Promise<number> {
    return this.db.getRepository(Notification).countBy({ officialId, readAt: IsNull() });
  }

  byId(em: EntityManager, id: number): Promise<Notification | null> {
    return em.findOneBy(Notification, { id });
  }

  async markRead(em: EntityManager, id: number, at: Date): Promise<void> {
    await em.update(Notification, id, { readAt: at });
  }
}
