import { SetMetadata } from '@nestjs/common';
import type { JobName, SchedulerId } from './queue-names.js';

export const ON_JOB = 'cchc:on-job';

export interface OnJobOptions {
  /** A recurring job: a cron pattern in Asia/Ho_Chi_Minh, upserted at start-up under a stable id. */
  schedule?: { id: SchedulerId; pattern: string };
  /** Also run once when the process starts, as soon as Redis answers (the first reconcile). */
  atStart?: boolean;
}

export interface OnJobMeta extends OnJobOptions {
  name: JobName;
}

/**
 * Declares the method that handles a job, in the feature that owns it (as
 * Immich's @OnJob). The method receives the job's data. The queue wiring finds
 * every handler at start-up and refuses to start when a job has none, or two.
 */
export const OnJob = (name: JobName, opts: OnJobOptions = {}): MethodDecorator =>
  SetMetadata(ON_JOB, { name, ...opts } satisfies OnJobMeta);
