import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { ReminderScheduler } from './reminder-scheduler.service.js';
import { Access } from '../access/access.decorators.js';
import { ApiErrors } from '../common/api-errors.js';
import { ScheduledReminderDto } from './dto/reminder-response.dto.js';

@ApiTags('tasks')
@Controller('tasks')
export class TaskRemindersController {
  constructor(private readonly scheduler: ReminderScheduler) {}

  /** The task's reminders as BullMQ holds them: kind, fireAt (ISO instant), state. */
  @Get(':id/reminders')
  @ApiOperation({ summary: 'Lịch nhắc việc của nhiệm vụ, và kết quả gửi Zalo của những lần đã nhắc' })
  @ApiOkResponse({ type: [ScheduledReminderDto] })
  @ApiErrors(400)
  @Access('tasks.read', 'task')
  list(@IdParam() id: number) {
    return this.scheduler.listForTask(id);
  }
}
