import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { IssuePlanDto, ListPlansQuery, ReopenPlanDto, UpdatePlanDto } from '../plans/dto/plan.dto.js';
import { PlansService } from '../plans/plans.service.js';
import { CreatePlanDto, PlanDetailQuery, ProgressQuery } from './dto/plan-book.dto.js';
import { PlanBookService } from './plan-book.service.js';
import { ProgressService } from './progress.service.js';
import { Access, CurrentActor } from '../access/access.decorators.js';
import type { UserActor } from '../access/actor.js';

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
  @Access('plans.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListPlansQuery) {
    return this.plans.list(actor, q);
  }

  @Post()
  @Access('plans.write')
  create(@CurrentActor() actor: UserActor, @Body() dto: CreatePlanDto) {
    return this.book.create(actor, dto);
  }

  @Get(':id')
  @Access('plans.read', 'plan')
  get(@IdParam() id: number, @Query() q: PlanDetailQuery) {
    return this.book.get(id, { compact: q.compact === true });
  }

  @Patch(':id')
  @Access('plans.write', 'plan')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdatePlanDto) {
    return this.book.update(actor, id, dto);
  }

  @Post(':id/issue')
  @Access('plans.write', 'plan')
  @HttpCode(200)
  issue(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: IssuePlanDto) {
    return this.book.issue(actor, id, dto);
  }

  @Post(':id/close')
  @Access('plans.write', 'plan')
  @HttpCode(200)
  close(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    return this.book.close(actor, id);
  }

  /** A closed plan refuses every change until the chairman reopens it, with a reason (recorded). */
  @Post(':id/reopen')
  @Access('plans.reopen', 'plan')
  @HttpCode(200)
  reopen(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: ReopenPlanDto) {
    return this.book.reopen(actor, id, dto.reason);
  }

  @Get(':id/unassigned')
  @Access('plans.read', 'plan')
  unassigned(@IdParam() id: number) {
    return this.book.unassigned(id);
  }

  @Get(':id/progress')
  @Access('plans.read', 'plan')
  progress(@IdParam() id: number, @Query() q: ProgressQuery) {
    return this.progressService.progress(id, q.asOf);
  }
}
