import { Injectable } from '@nestjs/common';
import { OnJob } from '../queue/on-job.decorator.js';
import { JOBS, SCHEDULERS } from '../queue/queue-names.js';
import { SessionsService } from './sessions.service.js';

/** The sessions' daily job. */
@Injectable()
export class SessionsProcessor {
  constructor(private readonly sessions: SessionsService) {}

  @OnJob(JOBS.pruneSessions, { schedule: { id: SCHEDULERS.sessionsDaily, pattern: '0 3 * * *' } })
  prune(): Promise<number> {
    return this.sessions.pruneSessions();
  }
}
