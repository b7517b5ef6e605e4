import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { ReminderScheduler } from './reminder-scheduler.service.js';
import { Access } from '../access/access.decorators.js';

@ApiTags('tasks')
@Controller('tasks')
export class TaskRemindersController {
  constructor(private readonly scheduler: ReminderScheduler) {}

  /** The task's reminders as BullMQ holds them: kind, fireAt (ISO instant), state. */
  @Get(':id/reminders')
  @Access('tasks.read', 'task')
  list(@IdParam() id: number) {
    return this.scheduler.listForTask(id);
  }
}
