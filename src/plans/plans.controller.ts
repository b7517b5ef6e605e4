import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CreatePlanDto, IssuePlanDto, ListPlansQuery, ProgressQuery, UpdatePlanDto } from './dto/plan.dto.js';
import { PlansService } from './plans.service.js';
import { ProgressService } from './progress.service.js';
import { Access, CurrentActor } from '../auth/access.decorators.js';
import type { UserActor } from '../auth/actor.js';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService, private readonly progressService: ProgressService) {}

  @Get()
  @Access('plans.read')
  list(@CurrentActor() actor: UserActor, @Query() q: ListPlansQuery) {
    return this.plans.list(actor, q);
  }

  @Post()
  @Access('plans.write')
  create(@CurrentActor() actor: UserActor, @Body() dto: CreatePlanDto) {
    return this.plans.create(actor, dto);
  }

  @Get(':id')
  @Access('plans.read', 'plan')
  get(@IdParam() id: number) {
    return this.plans.get(id);
  }

  @Patch(':id')
  @Access('plans.write', 'plan')
  update(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: UpdatePlanDto) {
    return this.plans.update(actor, id, dto);
  }

  @Post(':id/issue')
  @Access('plans.write', 'plan')
  @HttpCode(200)
  issue(@CurrentActor() actor: UserActor, @IdParam() id: number, @Body() dto: IssuePlanDto) {
    return this.plans.issue(actor, id, dto);
  }

  @Post(':id/close')
  @Access('plans.write', 'plan')
  @HttpCode(200)
  close(@CurrentActor() actor: UserActor, @IdParam() id: number) {
    return this.plans.close(actor, id);
  }

  @Get(':id/unassigned')
  @Access('plans.read', 'plan')
  unassigned(@IdParam() id: number) {
    return this.plans.unassigned(id);
  }

  @Get(':id/progress')
  @Access('plans.read', 'plan')
  progress(@IdParam() id: number, @Query() q: ProgressQuery) {
    return this.progressService.progress(id, q.asOf);
  }
}
