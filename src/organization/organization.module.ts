import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OfficialsController } from './officials.controller.js';
import { OrganizationRepository } from './organization.repository.js';
import { OrganizationService } from './organization.service.js';
import { UnitsController } from './units.controller.js';

/** Units (đơn vị) and their officials: the base every other feature builds on. */
@Module({
  imports: [EventsModule],
  controllers: [UnitsController, OfficialsController],
  providers: [OrganizationService, OrganizationRepository],
  exports: [OrganizationService, OrganizationRepository],
})
export class OrganizationModule {}
