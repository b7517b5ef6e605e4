import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { ReportExports } from './report-exports.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [PlansModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportExports],
  exports: [ReportsService],
})
export class ReportsModule {}
