import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CancelTaskDto, CompleteTaskDto, CreateTaskDto, ListTasksQuery, ReopenTaskDto, UpdateTaskDto } from './dto/task.dto.js';
import { TasksService } from './tasks.service.js';

@ApiTags('tasks')
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post('plans/:id/tasks')
  create(@IdParam() planId: number, @Body() dto: CreateTaskDto) {
    return this.tasks.create(planId, dto);
  }

  @Get('tasks')
  list(@Query() q: ListTasksQuery) {
    return this.tasks.list(q);
  }

  @Get('tasks/:id')
  get(@IdParam() id: number) {
    return this.tasks.get(id);
  }

  @Patch('tasks/:id')
  update(@IdParam() id: number, @Body() dto: UpdateTaskDto) {
    return this.tasks.update(id, dto);
  }

  @Get('tasks/:id/history')
  history(@IdParam() id: number) {
    return this.tasks.history(id);
  }

  @Post('tasks/:id/complete')
  @HttpCode(200)
  complete(@IdParam() id: number, @Body() dto: CompleteTaskDto) {
    return this.tasks.complete(id, dto);
  }

  @Post('tasks/:id/reopen')
  @HttpCode(200)
  reopen(@IdParam() id: number, @Body() dto: ReopenTaskDto) {
    return this.tasks.reopen(id, dto);
  }

  @Post('tasks/:id/cancel')
  @HttpCode(200)
  cancel(@IdParam() id: number, @Body() dto: CancelTaskDto) {
    return this.tasks.cancel(id, dto);
  }
}
