import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { IssuePlanDto, ListPlansQuery, ReopenPlanDto, UpdatePlanDto } from '../plans/dto/plan.dto.js';
import { PlansService } from '../plans/plans.service.js';
import { CreatePlanDto, PlanDetailQuery, ProgressQuery } from './dto/plan-book.dto.js';
import { PlanBookService } from './plan-book.service.js';
import { ProgressService } from './progress.service.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { PlanDto } from '../plans/dto/plan-response.dto.js';
import { UnassignedTaskDto } from '../tasks/dto/task-response.dto.js';
import { PlanBookDto, PlanProgressDto } from './dto/progress-response.dto.js';
import { PlanOverviewDto } from './dto/overview-response.dto.js';
import { todayLocal } from '../common/local-date.js';

/**
 * The plan's routes. They answer with the plan's tasks and figures, so they
 * live here, above plans and tasks, rather than in src/plans.
 */
@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly book: PlanBookService,
    private readonly progressService: ProgressService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách kế hoạch (thông tin chung)' })
  @ApiOkResponse({ type: [PlanDto] })
  @ApiErrors(400)
  @Access('plans.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListPlansQuery) {
    return this.plans.list(actor, q);
  }

  @Post()
  @ApiOperation({ summary: 'Tạo kế hoạch cùng các Phụ lục và nhiệm vụ' })
  @ApiCreatedResponse({ type: PlanBookDto })
  @ApiErrors(400, [409, 'Đơn vị đã có kế hoạch số này trong năm'], 413)
  @Access('plans.write')
  create(@CurrentActor() actor: UserActor, @Body() dto: CreatePlanDto) {
    return this.book.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Toàn bộ kế hoạch: thông tin chung, bảy Phụ lục với nhiệm vụ, việc chưa giao' })
  @ApiOkResponse({ type: PlanBookDto })
  @ApiErrors(400)
  @Access('plans.read', 'plan')
  get(@IdParam() id: number, @Query() q: PlanDetailQuery) {
    return this.book.get(id, { compact: q.compact === true, withTasks: q.withTasks !== false });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Sửa thông tin chung của kế hoạch' })
  @ApiOkResponse({ type: PlanBookDto })
  @ApiErrors(400, 409, 413)
  @Access('plans.write', 'plan')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdatePlanDto) {
    return this.book.update(actor, id, dto);
  }

  @Post(':id/issue')
  @ApiOperation({ summary: 'Ban hành kế hoạch (bản dự thảo)' })
  @ApiOkResponse({ type: PlanBookDto })
  @ApiErrors(400, [409, 'Kế hoạch không còn là bản dự thảo'], 413)
  @Access('plans.write', 'plan')
  @HttpCode(200)
  issue(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: IssuePlanDto) {
    return this.book.issue(actor, id, dto);
  }

  @Post(':id/close')
  @ApiOperation({ summary: 'Khóa sổ kế hoạch đã ban hành' })
  @ApiOkResponse({ type: PlanBookDto })
  @ApiErrors(400, [409, 'Kế hoạch chưa ban hành hoặc đã khóa sổ'])
  @Access('plans.write', 'plan')
  @HttpCode(200)
  close(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    return this.book.close(actor, id);
  }

  /** A closed plan refuses every change until the chairman reopens it, with a reason (recorded). */
  @Post(':id/reopen')
  @ApiOperation({ summary: 'Mở lại kế hoạch đã khóa sổ, có lý do' })
  @ApiOkResponse({ type: PlanBookDto })
  @ApiErrors(400, [409, 'Kế hoạch chưa khóa sổ'], 413)
  @Access('plans.reopen', 'plan')
  @HttpCode(200)
  reopen(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: ReopenPlanDto) {
    return this.book.reopen(actor, id, dto.reason);
  }

  @Get(':id/unassigned')
  @ApiOperation({ summary: 'Nhiệm vụ chưa giao được cho cán bộ nào, và vì sao' })
  @ApiOkResponse({ type: [UnassignedTaskDto] })
  @ApiErrors(400)
  @Access('plans.read', 'plan')
  unassigned(@IdParam() id: number) {
    return this.book.unassigned(id);
  }

  @Get(':id/progress')
  @ApiOperation({ summary: 'Tiến độ kế hoạch tính đến một ngày: tổng và từng Phụ lục' })
  @ApiOkResponse({ type: PlanProgressDto })
  @ApiErrors(400)
  @Access('plans.read', 'plan')
  progress(@IdParam() id: number, @Query() q: ProgressQuery) {
    return this.progressService.progress(id, q.asOf);
  }

  @Get(':id/overview')
  @ApiOperation({ summary: 'Tổng quan kế hoạch tính đến một ngày: biểu đồ theo tháng, nhiệm vụ quá hạn, sắp đến hạn, cần xem lại, chưa giao' })
  @ApiOkResponse({ type: PlanOverviewDto })
  @ApiErrors(400)
  @Access('plans.read', 'plan')
  overview(@IdParam() id: number, @Query() q: ProgressQuery) {
    return this.book.overview(id, q.asOf ?? todayLocal());
  }
}
