import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { PlanExportsService } from './plan-exports.service.js';
import { PlanFilesController } from './plan-files.controller.js';
import { PlanImportsRepository } from './plan-imports.repository.js';
import { PlanImportsService } from './plan-imports.service.js';
import { PlanUploadInterceptor } from './plan-upload.interceptor.js';

/** Plans from and to Word/Excel/CSV files: import with a preview, export. */
@Module({
  imports: [OrganizationModule, ProgressModule],
  controllers: [PlanFilesController],
  providers: [PlanImportsService, PlanImportsRepository, PlanExportsService, PlanUploadInterceptor],
  exports: [PlanImportsService],
})
export class PlanFilesModule {}
