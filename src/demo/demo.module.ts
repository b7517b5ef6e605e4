import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { DemoService } from './demo.service.js';

@Module({ imports: [PlansModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
