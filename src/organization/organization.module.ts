import { Module } from '@nestjs/common';
import { OfficialsController } from './officials.controller.js';
import { OrganizationService } from './organization.service.js';
import { UnitsController } from './units.controller.js';

@Module({
  controllers: [UnitsController, OfficialsController],
  providers: [OrganizationService],
  exports: [OrganizationService],
})
export class OrganizationModule {}
