import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/env.js';
import { openDatabase } from '../../src/database/database.module.js';
import { ENTITIES } from '../../src/schema.js';
import { DB_KIND, freshDatabaseUrl } from '../support/app.js';

/**
 * A fresh database of the kind E2E_DATABASE names (SQLite file or PostgreSQL
 * database), migrated: the repository tier runs here, without the app or Redis.
 */
export async function openTestDatabase(): Promise<{ db: DataSource; kind: typeof DB_KIND; close(): Promise<void> }> {
  const database = await freshDatabaseUrl();
  const config = loadConfig({ DATABASE_URL: database.url, NODE_ENV: 'test', DEMO_PLAN: 'off', SQLITE_NATIVE_BINDING: process.env.SQLITE_NATIVE_BINDING }, { signsTokens: false });
  const db = await openDatabase(config, ENTITIES);
  return {
    db,
    kind: DB_KIND,
    close: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}
