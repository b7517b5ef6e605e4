import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { AddNoteDto, CancelTaskDto, CompleteTaskDto, CreateTaskDto, ListTasksQuery, ReopenTaskDto, UpdateTaskDto } from './dto/task.dto.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { TasksService } from './tasks.service.js';

@ApiTags('tasks')
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post('plans/:id/tasks')
  @Access('tasks.write', 'plan')
  create(@CurrentActor() actor: UserActor, @IdParam() planId: number, @Body() dto: CreateTaskDto) {
    return this.tasks.create(actor, planId, dto);
  }

  @Get('tasks')
  @Access('tasks.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListTasksQuery) {
    return this.tasks.list(actor, q);
  }

  @Get('tasks/:id')
  @Access('tasks.read', 'task')
  get(@IdParam() id: number) {
    return this.tasks.get(id);
  }

  @Patch('tasks/:id')
  @Access('tasks.write', 'task')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdateTaskDto) {
    return this.tasks.update(actor, id, dto);
  }

  /** The task's audit trail: every change with who made it, before → after. */
  @Get('tasks/:id/history')
  @Access('tasks.read', 'task')
  history(@IdParam() id: number) {
    return this.tasks.history(id);
  }

  @Get('tasks/:id/notes')
  @Access('tasks.read', 'task')
  notes(@IdParam() id: number) {
    return this.tasks.notes(id);
  }

  @Post('tasks/:id/notes')
  @Access('tasks.note', 'task')
  addNote(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: AddNoteDto) {
    return this.tasks.addNote(actor, id, dto);
  }

  @Post('tasks/:id/complete')
  @Access('tasks.complete', 'task')
  @HttpCode(200)
  complete(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: CompleteTaskDto) {
    return this.tasks.complete(actor, id, dto);
  }

  @Post('tasks/:id/reopen')
  @Access('tasks.complete', 'task')
  @HttpCode(200)
  reopen(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: ReopenTaskDto) {
    return this.tasks.reopen(actor, id, dto);
  }

  @Post('tasks/:id/cancel')
  @Access('tasks.write', 'task')
  @HttpCode(200)
  cancel(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: CancelTaskDto) {
    return this.tasks.cancel(actor, id, dto);
  }
}
