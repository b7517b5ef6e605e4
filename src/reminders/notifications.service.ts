import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { NotFound } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { ListNotificationsQuery } from './dto/notification.dto.js';
import { Notification } from './entities/notification.entity.js';

@Injectable()
export class NotificationsService {
  constructor(private readonly db: DataSource, private readonly tx: Transactions) {}

  list(q: ListNotificationsQuery): Promise<Notification[]> {
    return this.db.getRepository(Notification).find({
      where: { ...(q.officialId ? { officialId: q.officialId } : {}), ...(q.unread ? { readAt: IsNull() } : {}) },
      order: { id: 'DESC' },
      take: q.limit ?? 100,
    });
  }

  markRead(id: number): Promise<Notification> {
    return this.tx.run(async (em) => {
      const n = await em.findOneBy(Notification, { id });
      if (!n) throw new NotFound('thông báo', id);
      if (!n.readAt) {
        n.readAt = new Date();
        await em.update(Notification, id, { readAt: n.readAt });
      }
      return n;
    });
  }
}
