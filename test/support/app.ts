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
  /** Requests as the current default account: the administrator, then the chairman seedUnit signed in (see useAccount). */
  http: Client;
  /** Requests with no credentials at all. */
  anon: ReturnType<typeof request>;
  /** The first administrator, created from ADMIN_USERNAME / ADMIN_PASSWORD. */
  admin: Client;
  db: DataSource;
  databaseUrl: string;
  config: AppConfig;
  /** Signs in through POST /api/auth/login; the client sends the token as "Authorization: Bearer". */
  login(username: string, password: string): Promise<Client>;
  /** Makes `http` act as this account from now on. */
  useAccount(client: Client): void;
  close(): Promise<void>;
}

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
/** A supertest client that signs each request with one account's token. */
export type Client = Record<Method, (url: string) => request.Test> & { token: string; me: { id: number; username: string; role: string; officialId: number | null; unitId: number | null } };

export const TEST_JWT_SECRET = 'test-secret-of-the-e2e-suite-0123456789abcdef';
export const ADMIN = { username: 'admin', password: 'quan-tri-thu-nghiem-1' };
export const DEMO_PASSWORD = 'demo@2023';

/** What an access token says, read without checking it (the tests forge and tamper with tokens from it). */
export function claimsOf(token: string): { sub: string; sid: string; iat: number; exp: number } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

export function bearerClient(server: Parameters<typeof request>[0], token: string, me: Client['me']): Client {
  const agent = request(server);
  const as = (m: Method) => (url: string) => agent[m](url).set('Authorization', `Bearer ${token}`);
  return { token, me, get: as('get'), post: as('post'), patch: as('patch'), put: as('put'), delete: as('delete') };
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

/**
 * The app on a fresh database, or on `database` (one an earlier app used: a
 * restart); close() drops the database, app.close() alone keeps it.
 */
export async function startApp(opts: { demo?: boolean; env?: Record<string, string>; database?: Awaited<ReturnType<typeof freshDatabaseUrl>> } = {}): Promise<TestApp> {
  const database = opts.database ?? await freshDatabaseUrl();
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // set by npm test for its Node 24 run
    SQLITE_NATIVE_BINDING: process.env.SQLITE_NATIVE_BINDING,
    DEMO_PLAN: opts.demo ? 'auto' : 'off',
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    // each app its own queues in the shared test Redis
    QUEUE_PREFIX: `t${process.pid}x${Math.random().toString(36).slice(2, 8)}`,
    ...opts.env,
  });
  const app = await createApp(config, { logger: false });
  await app.init();
  // the start-up reconcile runs in the background; tests begin once it is done
  await app.get(JobSchedulers).whenStarted();
  const db = app.get(DataSource);
  const server = app.getHttpServer();
  const login = async (username: string, password: string): Promise<Client> => {
    const res = await request(server).post('/api/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return bearerClient(server, res.body.accessToken, res.body.user);
  };
  const admin = await login(ADMIN.username, ADMIN.password);
  let current = opts.demo ? await login('chutich', DEMO_PASSWORD) : admin;
  const http = {
    get: (url: string) => current.get(url),
    post: (url: string) => current.post(url),
    patch: (url: string) => current.patch(url),
    put: (url: string) => current.put(url),
    delete: (url: string) => current.delete(url),
    get token() { return current.token; },
    get me() { return current.me; },
  } as Client;
  return {
    app,
    db,
    databaseUrl: database.url,
    config,
    http,
    anon: request(server),
    admin,
    login,
    useAccount: (c) => { current = c; },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
