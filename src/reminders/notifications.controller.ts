import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { ListNotificationsQuery } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

/** In-app notifications: filtered by official until accounts exist. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@Query() q: ListNotificationsQuery) {
    return this.notifications.list(q);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@IdParam() id: number) {
    return this.notifications.markRead(id);
  }
}
