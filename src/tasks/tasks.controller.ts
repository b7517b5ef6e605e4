import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { AddNoteDto, CancelTaskDto, CompleteTaskDto, CreateTaskDto, ListTasksQuery, OfficialTasksQuery, PlanTasksQuery, TaskHistoryQuery, RemoveTaskQuery, ReopenTaskDto, UpdateTaskDto } from './dto/task.dto.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { TasksService } from './tasks.service.js';
import { ApiErrors } from '../common/api-errors.js';
import { CreatedTaskDto, OfficialTaskPageDto, PlanTaskPageDto, TaskDto, TaskHistoryEntryDto, TaskNoteDto } from './dto/task-response.dto.js';

@ApiTags('tasks')
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post('plans/:id/tasks')
  @ApiOperation({ summary: 'Thêm nhiệm vụ vào một Phụ lục của kế hoạch' })
  @ApiCreatedResponse({ type: CreatedTaskDto })
  @ApiErrors(400, [409, 'Kế hoạch đã khóa sổ, hoặc Phụ lục đã có nhiệm vụ số thứ tự này'], 413)
  @Access('tasks.write', 'plan')
  create(@CurrentActor() actor: UserActor, @IdParam() planId: number, @Body() dto: CreateTaskDto) {
    return this.tasks.create(actor, planId, dto);
  }

  /** The Kế hoạch view's list: a page at a time, so that no plan is too big to open on a slow link. */
  @Get('plans/:id/tasks')
  @ApiOperation({ summary: 'Một trang nhiệm vụ của kế hoạch (tối đa 100), lọc theo Phụ lục, tình trạng, cán bộ, quá hạn, cần xem lại, từ khóa; kèm tổng số' })
  @ApiOkResponse({ type: PlanTaskPageDto })
  @ApiErrors(400)
  @Access('plans.read', 'plan')
  planPage(@IdParam() planId: number, @Query() q: PlanTasksQuery) {
    return this.tasks.planPage(planId, q);
  }

  /** Việc của tôi: an official's tasks, overdue first, then by the next due date, a page at a time. */
  @Get('officials/:id/tasks')
  @ApiOperation({ summary: 'Nhiệm vụ cán bộ chủ trì: quá hạn trước, rồi theo hạn gần nhất; từng trang (tối đa 100), kèm tổng số và số quá hạn' })
  @ApiOkResponse({ type: OfficialTaskPageDto })
  @ApiErrors(400)
  @Access('tasks.read', 'official')
  officialPage(@IdParam() officialId: number, @Query() q: OfficialTasksQuery) {
    return this.tasks.officialPage(officialId, q);
  }

  @Get('tasks')
  @ApiOperation({ summary: 'Danh sách nhiệm vụ (lọc theo kế hoạch, Phụ lục, cán bộ, trạng thái, hạn)' })
  @ApiOkResponse({ type: [TaskDto] })
  @ApiErrors(400)
  @Access('tasks.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListTasksQuery) {
    return this.tasks.list(actor, q);
  }

  @Get('tasks/:id')
  @ApiOperation({ summary: 'Một nhiệm vụ với các hạn của nó' })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors(400)
  @Access('tasks.read', 'task')
  get(@IdParam() id: number) {
    return this.tasks.get(id);
  }

  @Patch('tasks/:id')
  @ApiOperation({ summary: 'Sửa nhiệm vụ: nội dung, thời hạn, giao việc, phối hợp' })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors(400, 409, 413)
  @Access('tasks.write', 'task')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdateTaskDto) {
    return this.tasks.update(actor, id, dto);
  }

  /** A row typed by mistake in a draft plan; an issued plan's tasks are cancelled instead (409). */
  @Delete('tasks/:id')
  @ApiOperation({ summary: 'Xóa nhiệm vụ của kế hoạch còn dự thảo (kế hoạch đã ban hành thì hủy nhiệm vụ, kèm lý do)' })
  @ApiNoContentResponse({ description: 'Đã xóa' })
  @ApiErrors(400, [409, 'Kế hoạch đã ban hành, hoặc nhiệm vụ đã được người khác sửa'])
  @Access('tasks.write', 'task')
  @HttpCode(204)
  async remove(@CurrentActor() actor: UserActor, @IdParam() id: number, @Query() q: RemoveTaskQuery): Promise<void> {
    await this.tasks.remove(actor, id, q.version);
  }

  /** The task's audit trail: every change with who made it, before → after. */
  @Get('tasks/:id/history')
  @ApiOperation({ summary: 'Nhật ký của nhiệm vụ: mọi thay đổi, ai làm, trước → sau; cả nhật ký, hoặc từng trang bản ghi mới nhất (limit, beforeId)' })
  @ApiOkResponse({ type: [TaskHistoryEntryDto] })
  @ApiErrors(400)
  @Access('tasks.read', 'task')
  history(@IdParam() id: number, @Query() q: TaskHistoryQuery) {
    return this.tasks.history(id, q);
  }

  @Get('tasks/:id/notes')
  @ApiOperation({ summary: 'Ghi chú tiến độ của nhiệm vụ' })
  @ApiOkResponse({ type: [TaskNoteDto] })
  @ApiErrors(400)
  @Access('tasks.read', 'task')
  notes(@IdParam() id: number) {
    return this.tasks.notes(id);
  }

  @Post('tasks/:id/notes')
  @ApiOperation({ summary: 'Thêm ghi chú tiến độ' })
  @ApiCreatedResponse({ type: TaskNoteDto })
  @ApiErrors(400, 409, 413)
  @Access('tasks.note', 'task')
  addNote(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: AddNoteDto) {
    return this.tasks.addNote(actor, id, dto);
  }

  @Post('tasks/:id/complete')
  @ApiOperation({ summary: 'Đánh dấu hoàn thành một hạn của nhiệm vụ, với ngày và sản phẩm' })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors(400, 409, 413)
  @Access('tasks.complete', 'task')
  @HttpCode(200)
  complete(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: CompleteTaskDto) {
    return this.tasks.complete(actor, id, dto);
  }

  @Post('tasks/:id/reopen')
  @ApiOperation({ summary: 'Mở lại nhiệm vụ đã hoàn thành, có lý do' })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors(400, 409, 413)
  @Access('tasks.complete', 'task')
  @HttpCode(200)
  reopen(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: ReopenTaskDto) {
    return this.tasks.reopen(actor, id, dto);
  }

  @Post('tasks/:id/cancel')
  @ApiOperation({ summary: 'Hủy nhiệm vụ, có lý do' })
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors(400, 409, 413)
  @Access('tasks.write', 'task')
  @HttpCode(200)
  cancel(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: CancelTaskDto) {
    return this.tasks.cancel(actor, id, dto);
  }
}
