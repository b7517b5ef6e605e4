import { Module } from '@nestjs/common';
import { PlansController } from './plans.controller.js';
import { PlansService } from './plans.service.js';
import { ProgressService } from './progress.service.js';

@Module({
  controllers: [PlansController],
  providers: [PlansService, ProgressService],
  exports: [PlansService, ProgressService],
})
export class PlansModule {}
