import { DynamicModule, Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { JobSchedulers } from './job-schedulers.service.js';
import { FORCE_WORKER, JobsProcessor } from './jobs.processor.js';

/**
 * The worker and the recurring jobs. In the server by default (WORKER=inline);
 * src/worker.ts forces it on in a process of its own.
 */
@Module({})
export class JobsModule {
  static forRoot(opts: { forceWorker: boolean }): DynamicModule {
    return {
      module: JobsModule,
      imports: [ReportsModule],
      providers: [JobsProcessor, JobSchedulers, { provide: FORCE_WORKER, useValue: opts.forceWorker }],
    };
  }
}
