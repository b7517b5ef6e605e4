import 'reflect-metadata';
import argon2 from 'argon2';
import type { Request, Response } from 'express';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { AccessRepository } from '../src/access/access.repository.js';
import { Authenticator } from '../src/access/authenticator.js';
import { decide } from '../src/access/permissions.js';
import { hashPassword } from '../src/accounts/passwords.js';
import { JobSchedulers } from '../src/queue/job-schedulers.service.js';
import { TasksService } from '../src/tasks/tasks.service.js';
import { withDatabase } from './lib/db.js';
import { DOC, measuredOn, upsertSection } from './lib/docs.js';
import { medianOf } from './lib/time.js';

/**
 * What accounts cost.
 * 1. A password hash at our argon2id setting (19 MiB, 2 passes, 1 lane) against
 *    the argon2 library's default (64 MiB, 3 passes, 4 lanes), in the same run.
 * 2. The access check every request pays, as the guard makes it: who is calling
 *    (Authenticator.identify: token signature, session and account), the
 *    resource's unit and officials (AccessRepository.facts) and the decision
 *    (decide), against the work of the handler it guards (TasksService.get),
 *    both in-process; and the whole request, GET /api/tasks/:id over HTTP on
 *    loopback, signed in as the demo chairman.
 */
const HASHES = 15;
const CHECKS = 2000;
const REQUESTS = 400;

async function main(): Promise<void> {
  const ours = await medianOf(HASHES, () => hashPassword('mot-mat-khau-dai'));
  const libraryDefault = await medianOf(HASHES, () => argon2.hash('mot-mat-khau-dai'));
  const lines: string[] = [];
  const kinds: ('sqlite' | 'postgres')[] = process.env.PG_ADMIN_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  for (const kind of kinds) {
    await withDatabase(kind, async (url) => {
      const config = loadConfig({
        DATABASE_URL: url, DEMO_PLAN: 'auto', NODE_ENV: 'production', JWT_SECRET: 'bench-secret-0123456789abcdef0123456789',
        ADMIN_PASSWORD: 'quan-tri-bench-1', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: 'bench-auth',
      });
      const app = await createApp(config, { logger: false });
      await app.init();
      // the start-up reconcile of the demo plan's reminders runs in the background: not during the measurement
      await app.get(JobSchedulers).whenStarted();
      await app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'chutich', password: 'demo@2023' }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const headers = { Authorization: `Bearer ${accessToken}` };
      const tasks = (await (await fetch(`${base}/api/tasks`, { headers })).json()) as { id: number }[];
      const taskId = tasks[tasks.length - 1].id;

      const authenticator = app.get(Authenticator);
      const resources = app.get(AccessRepository);
      const req = { headers: { authorization: `Bearer ${accessToken}` }, method: 'GET', cookies: {} } as unknown as Request;
      const res = {} as Response;
      const check = await medianOf(CHECKS, async () => {
        const { actor } = await authenticator.identify(req, res);
        if (decide(actor, 'tasks.read', await resources.facts('task', taskId)) !== 'allow') throw new Error('the chairman may not read the task');
      });
      const handler = await medianOf(CHECKS, () => app.get(TasksService).get(taskId));
      const http = await medianOf(REQUESTS, async () => {
        const r = await fetch(`${base}/api/tasks/${taskId}`, { headers });
        if (r.status !== 200) throw new Error(`GET /api/tasks/${taskId}: ${r.status}`);
        await r.arrayBuffer();
      });
      const line = `| ${kind} | ${(check * 1000).toFixed(0)} | ${(handler * 1000).toFixed(0)} | ${(check / handler).toFixed(2)} | ${http.toFixed(2)} |`;
      console.log(line);
      lines.push(line);
      await app.close();
    });
  }
  const hashLine = `| ${ours.toFixed(1)} | 19 MiB | ${libraryDefault.toFixed(1)} | 64 MiB | ${(libraryDefault / ours).toFixed(1)}× |`;
  console.log(hashLine);
  upsertSection(DOC, 'auth', [
    '## Accounts: password hashing and the access check',
    '',
    `${measuredOn()}. Medians.`,
    '',
    `Password hash (one sign-in, one account created), median of ${HASHES}: our argon2id setting against the argon2 library's default, in the same run.`,
    '',
    '| ours (ms) | ours, memory | library default (ms) | default, memory | ours is faster by |',
    '|---:|---:|---:|---:|---:|',
    hashLine,
    '',
    `The access check of every request as the guard makes it (\`Authenticator.identify\`: token, session and account; \`AccessRepository.facts\`: the task's unit and officials; \`decide\`), median of ${CHECKS} in-process,`,
    'against the handler it guards (`TasksService.get`: the task with its due dates and coordinators), and the whole request over HTTP on loopback',
    `(median of ${REQUESTS}, \`GET /api/tasks/:id\` as the demo chairman, with a Bearer token).`,
    '',
    '| database | access check (µs) | handler (µs) | check / handler | whole request (ms) |',
    '|---|---:|---:|---:|---:|',
    ...lines,
  ].join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
