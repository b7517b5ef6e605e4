import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { PlanBookService } from './plan-book.service.js';
import { PlansController } from './plans.controller.js';
import { ProgressService } from './progress.service.js';

/**
 * Plan-level figures and the plan as a whole: progress as of a date, the plan
 * with its tasks, a new plan with all its rows. The one home of what spans
 * plans and tasks, so that neither of them depends on the other both ways.
 */
@Module({
  imports: [OrganizationModule, PlansModule, TasksModule],
  controllers: [PlansController],
  providers: [PlanBookService, ProgressService],
  exports: [PlanBookService, ProgressService],
})
export class ProgressModule {}
