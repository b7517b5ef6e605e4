import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource, IsNull } from 'typeorm';
import { NotFound } from '../common/errors.js';
import { IdParam } from '../common/id-param.js';
import { ListNotificationsQuery } from './dto/notification.dto.js';
import { Notification } from './entities/notification.entity.js';

/** In-app notifications: filtered by official until accounts exist. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  list(@Query() q: ListNotificationsQuery) {
    return this.db.getRepository(Notification).find({
      where: { ...(q.officialId ? { officialId: q.officialId } : {}), ...(q.unread ? { readAt: IsNull() } : {}) },
      order: { id: 'DESC' },
      take: q.limit ?? 100,
    });
  }

  @Post(':id/read')
  @HttpCode(200)
  async read(@IdParam() id: number, @Body() _body: object) {
    const repo = this.db.getRepository(Notification);
    const n = await repo.findOneBy({ id });
    if (!n) throw new NotFound('thông báo', id);
    if (!n.readAt) {
      n.readAt = new Date();
      await repo.update(id, { readAt: n.readAt });
    }
    return n;
  }
}
