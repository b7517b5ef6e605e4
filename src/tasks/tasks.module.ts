import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EventsModule } from '../events/events.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { TasksController } from './tasks.controller.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksService } from './tasks.service.js';

/** Tasks (nhiệm vụ): rows of a plan's Phụ lục, their due dates, assignment, completion and notes. */
@Module({
  imports: [AuditModule, EventsModule, OrganizationModule, PlansModule],
  controllers: [TasksController],
  providers: [TasksService, TasksRepository],
  exports: [TasksService, TasksRepository],
})
export class TasksModule {}
