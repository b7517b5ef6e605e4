import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PlansRepository } from './plans.repository.js';
import { PlansService } from './plans.service.js';

/**
 * The plan document: header, seven Phụ lục, draft → issued → closed. Its
 * routes answer with the plan's tasks and figures, so they are served from
 * src/progress, the feature above both plans and tasks.
 */
@Module({
  imports: [EventsModule, OrganizationModule],
  providers: [PlansService, PlansRepository],
  exports: [PlansService, PlansRepository],
})
export class PlansModule {}
