import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CreatePlanDto, IssuePlanDto, ListPlansQuery, ProgressQuery, UpdatePlanDto } from './dto/plan.dto.js';
import { PlansService } from './plans.service.js';
import { ProgressService } from './progress.service.js';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService, private readonly progressService: ProgressService) {}

  @Get()
  list(@Query() q: ListPlansQuery) {
    return this.plans.list(q);
  }

  @Post()
  create(@Body() dto: CreatePlanDto) {
    return this.plans.create(dto);
  }

  @Get(':id')
  get(@IdParam() id: number) {
    return this.plans.get(id);
  }

  @Patch(':id')
  update(@IdParam() id: number, @Body() dto: UpdatePlanDto) {
    return this.plans.update(id, dto);
  }

  @Post(':id/issue')
  @HttpCode(200)
  issue(@IdParam() id: number, @Body() dto: IssuePlanDto) {
    return this.plans.issue(id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@IdParam() id: number) {
    return this.plans.close(id);
  }

  @Get(':id/unassigned')
  unassigned(@IdParam() id: number) {
    return this.plans.unassigned(id);
  }

  @Get(':id/progress')
  progress(@IdParam() id: number, @Query() q: ProgressQuery) {
    return this.progressService.progress(id, q.asOf);
  }
}
