import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { audit } from '../audit/audit.js';
import { inScope, UserActor } from '../auth/actor.js';
import { NotFound } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { Official } from '../organization/entities/official.entity.js';
import { ListNotificationsQuery } from './dto/notification.dto.js';
import { Notification } from './entities/notification.entity.js';

@Injectable()
export class NotificationsService {
  constructor(private readonly db: DataSource, private readonly tx: Transactions) {}

  /**
   * The caller's notifications; a chairman or vice-chairman may name an
   * official of their unit. Anyone else's are as invisible as another commune's.
   */
  async list(actor: UserActor, q: ListNotificationsQuery): Promise<Notification[]> {
    const officialId = q.officialId ?? actor.officialId;
    if (officialId === null) return [];
    if (officialId !== actor.officialId) {
      const official = await this.db.getRepository(Official).findOneBy({ id: officialId });
      const leader = actor.role === 'chairman' || actor.role === 'vice_chairman';
      if (!official || !leader || !inScope(actor, official.unitId)) throw new NotFound('cán bộ, công chức', officialId);
    }
    return this.db.getRepository(Notification).find({
      where: { officialId, ...(q.unread ? { readAt: IsNull() } : {}) },
      order: { id: 'DESC' },
      take: q.limit ?? 100,
    });
  }

  markRead(actor: UserActor, id: number): Promise<Notification> {
    return this.tx.run(async (em) => {
      const n = await em.findOneBy(Notification, { id });
      if (!n) throw new NotFound('thông báo', id);
      if (!n.readAt) {
        n.readAt = new Date();
        await em.update(Notification, id, { readAt: n.readAt });
        await audit(em, actor, { unitId: actor.unitId, entity: 'notification', entityId: id, action: 'read', changes: { readAt: { from: null, to: n.readAt } } });
      }
      return n;
    });
  }
}
