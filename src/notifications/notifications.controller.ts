import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { ListNotificationsQuery } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { NotificationDto, UnreadCountDto } from './dto/notification-response.dto.js';

/** In-app notifications: one's own; the unit's leaders may look at an official's. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Thông báo trong ứng dụng (mới nhất trước)' })
  @ApiOkResponse({ type: [NotificationDto] })
  @ApiErrors(400)
  @Access('notifications.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListNotificationsQuery) {
    return this.notifications.list(actor, q);
  }

  /** The header's count on every page: a number, not the notifications themselves. */
  @Get('unread-count')
  @ApiOperation({ summary: 'Số thông báo chưa đọc của chính mình' })
  @ApiOkResponse({ type: UnreadCountDto })
  @Access('notifications.read')
  unreadCount(@CurrentActor() actor: UserActor) {
    return this.notifications.unreadCount(actor);
  }

  @Post(':id/read')
  @ApiOperation({ summary: 'Đánh dấu đã đọc một thông báo' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiErrors(400)
  @Access('notifications.read', 'notification')
  @HttpCode(200)
  read(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    return this.notifications.markRead(actor, id);
  }
}
