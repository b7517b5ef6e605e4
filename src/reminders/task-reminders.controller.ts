import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { NotFound } from '../common/errors.js';
import { IdParam } from '../common/id-param.js';
import { Task } from '../tasks/entities/task.entity.js';
import { ReminderScheduler } from './reminder-scheduler.service.js';

@ApiTags('tasks')
@Controller('tasks')
export class TaskRemindersController {
  constructor(private readonly db: DataSource, private readonly scheduler: ReminderScheduler) {}

  /** The task's reminders as BullMQ holds them: kind, fireAt (ISO instant), state. */
  @Get(':id/reminders')
  async list(@IdParam() id: number) {
    if (!(await this.db.getRepository(Task).existsBy({ id }))) throw new NotFound('nhiệm vụ', id);
    return this.scheduler.list(id);
  }
}
