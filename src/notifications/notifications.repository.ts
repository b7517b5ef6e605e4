import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { isUniqueViolation } from '../common/errors.js';
import { DeliveryClaim } from './entities/delivery-claim.entity.js';
import { Notification } from './entities/notification.entity.js';

/** Notifications and the delivery claims that make each message go out once. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /** The key is unique: the first attempt inserts it, a retry or a rival worker finds it. */
  async claim(em: EntityManager, key: string, what: { taskId: number | null; dueOn: string | null; kind: string }): Promise<DeliveryClaim> {
    const existing = await em.findOneBy(DeliveryClaim, { key });
    if (existing) return existing;
    try {
      // a savepoint, so that losing the race does not abort the surrounding transaction on PostgreSQL
      return await em.transaction((inner) => inner.save(DeliveryClaim, inner.create(DeliveryClaim, { key, ...what, notifiedAt: null, mailedAt: null })));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return em.findOneByOrFail(DeliveryClaim, { key });
    }
  }

  async markNotified(em: EntityManager, claimId: number, at: Date): Promise<void> {
    await em.update(DeliveryClaim, claimId, { notifiedAt: at });
  }

  async markMailed(em: EntityManager, claimId: number, at: Date): Promise<void> {
    await em.update(DeliveryClaim, claimId, { mailedAt: at });
  }

  async insert(em: EntityManager, n: Pick<Notification, 'officialId' | 'taskId' | 'kind' | 'dueOn' | 'title' | 'body'>): Promise<number> {
    const row = await em.insert(Notification, n);
    return Number(row.identifiers[0].id);
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

  list(officialId: number, opts: { unread?: boolean; limit: number }): Promise<Notification[]> {
    return this.db.getRepository(Notification).find({
      where: { officialId, ...(opts.unread ? { readAt: IsNull() } : {}) },
      order: { id: 'DESC' },
      take: opts.limit,
    });
  }

  byId(em: EntityManager, id: number): Promise<Notification | null> {
    return em.findOneBy(Notification, { id });
  }

  async markRead(em: EntityManager, id: number, at: Date): Promise<void> {
    await em.update(Notification, id, { readAt: at });
  }
}
