import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { JobSchedulers } from '../../src/queue/job-schedulers.service.js';
import { AppConfig, loadConfig } from '../../src/config/env.js';

/**
 * Boots the real application against a real database of its own: a fresh
 * SQLite file, or a fresh PostgreSQL database created for this test file on
 * the server scripts/test.sh started. E2E_DATABASE selects which.
 */
export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  databaseUrl: string;
  config: AppConfig;
  close(): Promise<void>;
}

export const DB_KIND = (process.env.E2E_DATABASE ?? 'sqlite') as 'sqlite' | 'postgres';

export async function freshDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  if (DB_KIND === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
    return { url: `sqlite:${join(dir, 'cchc.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.PG_ADMIN_URL;
  if (!admin) throw new Error('PG_ADMIN_URL is not set: run the e2e suite through `npm test`');
  const name = `cchc_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startApp(opts: { demo?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await freshDatabaseUrl();
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    DEMO_PLAN: opts.demo ? 'auto' : 'off',
    NODE_ENV: 'test',
    // each app its own queues in the shared test Redis
    QUEUE_PREFIX: `t${process.pid}x${Math.random().toString(36).slice(2, 8)}`,
    ...opts.env,
  });
  const app = await createApp(config, { logger: false });
  await app.init();
  // the start-up reconcile runs in the background; tests begin once it is done
  await app.get(JobSchedulers).whenStarted();
  const db = app.get(DataSource);
  return {
    app,
    db,
    databaseUrl: database.url,
    config,
    http: request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
