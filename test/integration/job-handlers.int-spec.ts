import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { JobHandlers } from '../../src/queue/job-handlers.js';
import { OnJob } from '../../src/queue/on-job.decorator.js';
import { JOBS } from '../../src/queue/queue-names.js';

@Injectable()
class SomeHandlers {
  @OnJob(JOBS.remind)
  remind(): Promise<void> {
    return Promise.resolve();
  }

  @OnJob(JOBS.reconcile)
  reconcile(): Promise<void> {
    return Promise.resolve();
  }
}

@Injectable()
class SecondRemind {
  @OnJob(JOBS.remind)
  remind(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The queue wiring (JobHandlers, as QueueModule provides it) finds the handlers
 * the features declare in any module, and refuses to start without exactly one
 * for every job. The whole app's start-up with every handler is every e2e suite.
 */
describe('job handlers at start-up', () => {
  const start = async (providers: (new (...a: never[]) => unknown)[]) => {
    @Module({ providers })
    class Handlers {}
    @Module({ imports: [DiscoveryModule, Handlers], providers: [JobHandlers] })
    class TestModule {}
    const app = await NestFactory.createApplicationContext(TestModule, { logger: false, abortOnError: false });
    try {
      await app.init();
      return app.get(JobHandlers).all().map((h) => `${h.name}:${h.source}`);
    } finally {
      await app.close().catch(() => undefined);
    }
  };

  it('starts when every job has exactly one handler, wherever it is declared', async () => {
    @Injectable()
    class Rest {
      @OnJob(JOBS.digest) digest() { return Promise.resolve(); }
      @OnJob(JOBS.reports) reports() { return Promise.resolve(); }
      @OnJob(JOBS.reportReminders) reportReminders() { return Promise.resolve(); }
      @OnJob(JOBS.pruneSessions) prune() { return Promise.resolve(); }
    }
    expect((await start([SomeHandlers, Rest])).sort()).toEqual([
      'digest:Rest.digest', 'prune-sessions:Rest.prune', 'reconcile:SomeHandlers.reconcile', 'remind:SomeHandlers.remind',
      'report-reminders:Rest.reportReminders', 'reports:Rest.reports',
    ]);
  });

  it('stops start-up when a job has no handler, naming each', async () => {
    const failure = start([SomeHandlers]);
    await expect(failure).rejects.toThrow(/công việc "digest" không có xử lý/);
    await expect(start([SomeHandlers])).rejects.toThrow(/"reports".*"prune-sessions"|"prune-sessions"/);
  });

  it('stops start-up when a job has two handlers', async () => {
    await expect(start([SomeHandlers, SecondRemind])).rejects.toThrow(/"remind" có hai xử lý: SomeHandlers.remind và SecondRemind.remind/);
  });
});
