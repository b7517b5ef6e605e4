import { Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import type { UserActor } from '../access/actor.js';
import { scopeOf } from '../access/actor.js';
import { addDays } from '../common/local-date.js';
import { AuditQuery } from './dto/audit.dto.js';
import { AuditEntry } from './entities/audit-entry.entity.js';

/** Start of a local date in Asia/Ho_Chi_Minh (UTC+7 all year round). */
const startOfLocalDay = (d: string) => new Date(`${d}T00:00:00+07:00`);

/** Reading the audit trail: newest first, within the caller's units. */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  list(actor: UserActor, q: AuditQuery): Promise<AuditEntry[]> {
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.id', 'DESC').take(q.limit ?? 100);
    const scope = scopeOf(actor);
    if (scope) qb.andWhere('a.unit_id IN (:...scope)', { scope: scope.length ? scope : [0] });
    if (q.unitId) qb.andWhere('a.unit_id = :unitId', { unitId: q.unitId });
    if (q.entity) qb.andWhere('a.entity = :entity', { entity: q.entity });
    if (q.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: q.entityId });
    if (q.actorUserId) qb.andWhere('a.actor_user_id = :actorUserId', { actorUserId: q.actorUserId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.from) qb.andWhere('a.at >= :from', { from: startOfLocalDay(q.from) });
    if (q.to) qb.andWhere('a.at < :to', { to: startOfLocalDay(addDays(q.to, 1)) });
    if (q.beforeId) qb.andWhere('a.id < :beforeId', { beforeId: q.beforeId });
    return qb.getMany();
  }

  /** One record's entries, oldest first (a task's history). */
  /**
   * An entity's entries, oldest first: all of them, or (with a limit) the
   * latest `limit` before `beforeId`, still oldest first, for a log read a page at a time.
   */
  async forEntity(entity: AuditEntry['entity'], entityId: number, page: { limit?: number; beforeId?: number } = {}): Promise<AuditEntry[]> {
    const repo = this.db.getRepository(AuditEntry);
    if (page.limit === undefined && page.beforeId === undefined) return repo.find({ where: { entity, entityId }, order: { id: 'ASC' } });
    const rows = await repo.find({
      where: { entity, entityId, ...(page.beforeId !== undefined ? { id: LessThan(page.beforeId) } : {}) },
      order: { id: 'DESC' },
      ...(page.limit !== undefined ? { take: page.limit } : {}),
    });
    return rows.reverse();
  }
}
