import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { ListNotificationsQuery } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';

/** In-app notifications: one's own; the unit's leaders may look at an official's. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Access('notifications.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListNotificationsQuery) {
    return this.notifications.list(actor, q);
  }

  @Post(':id/read')
  @Access('notifications.read', 'notification')
  @HttpCode(200)
  read(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    return this.notifications.markRead(actor, id);
  }
}
