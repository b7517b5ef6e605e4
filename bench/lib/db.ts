import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Runs `work` on a fresh database: a temporary SQLite file, or a new database on PG_ADMIN_URL's server. */
export async function withDatabase<T>(kind: 'sqlite' | 'postgres', work: (url: string) => Promise<T>): Promise<T> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
    try { return await work(`sqlite:${join(dir, 'bench.sqlite')}`); } finally { rmSync(dir, { recursive: true, force: true }); }
  }
  const admin = process.env.PG_ADMIN_URL!;
  const name = `cchc_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name}`);
  await c.query(`CREATE DATABASE ${name}`);
  try { return await work(admin.replace(/\/[^/]*$/, `/${name}`)); } finally {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}
