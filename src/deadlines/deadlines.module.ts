import { Module } from '@nestjs/common';
import { DeadlinesController } from './deadlines.controller.js';

@Module({ controllers: [DeadlinesController] })
export class DeadlinesModule {}
