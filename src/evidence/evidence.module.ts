import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { EvidenceController } from './evidence.controller.js';
import { EvidenceRepository } from './evidence.repository.js';
import { EvidenceService } from './evidence.service.js';
import { EvidenceUploadInterceptor } from './upload.interceptor.js';

/** Evidence files (tài liệu kiểm chứng) of task completions. */
@Module({
  imports: [PlansModule, TasksModule, StorageModule],
  controllers: [EvidenceController],
  providers: [EvidenceService, EvidenceRepository, EvidenceUploadInterceptor],
  exports: [EvidenceService],
})
export class EvidenceModule {}
