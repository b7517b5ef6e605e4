import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseDatabaseUrl, secretsKeyOf } from './env.js';

describe('environment configuration', () => {
  it('runs out of the box on SQLite', () => {
    const cfg = loadConfig({});
    expect(cfg.env.PORT).toBe(3000);
    expect(cfg.database).toEqual({ type: 'sqlite', path: './data/cchc.sqlite' });
    expect(cfg.env.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('selects PostgreSQL from the URL', () => {
    const cfg = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/cchc', PORT: '8080' });
    expect(cfg.database).toEqual({ type: 'postgres', url: 'postgres://u:p@127.0.0.1:5432/cchc' });
    expect(cfg.env.PORT).toBe(8080);
  });

  it('names every bad variable and never echoes its value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://secret-password@x', DEMO_PLAN: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as Error).message;
    expect(text).toContain('PORT');
    expect(text).toContain('DATABASE_URL');
    expect(text).toContain('DEMO_PLAN');
    expect(text).not.toContain('secret-password');
  });

  it('gives SQLITE_NATIVE_BINDING to a SQLite database only', () => {
    const sqlite = loadConfig({ SQLITE_NATIVE_BINDING: '/cache/better_sqlite3.node' });
    expect(sqlite.database).toEqual({ type: 'sqlite', path: './data/cchc.sqlite', nativeBinding: '/cache/better_sqlite3.node' });
    const pg = loadConfig({ DATABASE_URL: 'postgres://u@h/db', SQLITE_NATIVE_BINDING: '/cache/better_sqlite3.node' });
    expect(pg.database).toEqual({ type: 'postgres', url: 'postgres://u@h/db' });
  });

  it('reads absolute sqlite paths', () => {
    expect(parseDatabaseUrl('sqlite:///var/lib/cchc.sqlite')).toEqual({ type: 'sqlite', path: '/var/lib/cchc.sqlite' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ type: 'sqlite', path: ':memory:' });
  });

  it('requires the JWT secret outside development, and never defaults it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: bắt buộc/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET phải dài/);
    const prod = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(prod.jwtSecret).toBe('x'.repeat(40));
    expect(prod.jwtSecretGenerated).toBe(false);
    // the worker signs nothing
    expect(loadConfig({ NODE_ENV: 'production' }, { signsTokens: false }).env.NODE_ENV).toBe('production');
    // development makes up a secret of its own for each process
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.jwtSecretGenerated).toBe(true);
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(a.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });
});

describe('the key of the secrets kept in the database', () => {
  it('is SECRETS_KEY when set, and a bad one stops start-up without echoing it', () => {
    const hex = 'ab'.repeat(32);
    expect(secretsKeyOf(loadConfig({ SECRETS_KEY: hex, DATA_DIR: '/nonexistent/never-made' }))).toEqual(Buffer.from(hex, 'hex'));
    let message = '';
    try {
      loadConfig({ SECRETS_KEY: 'khoa-qua-ngan-1234' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('SECRETS_KEY: khóa 32 byte');
    expect(message).not.toContain('khoa-qua-ngan-1234');
  });

  it('is otherwise made once in DATA_DIR/secrets-key, readable by its owner only, and the same for every process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-key-'));
    try {
      const first = secretsKeyOf(loadConfig({ DATA_DIR: dir }));
      expect(first).toHaveLength(32);
      expect(statSync(join(dir, 'secrets-key')).mode & 0o777).toBe(0o600);
      expect(secretsKeyOf(loadConfig({ DATA_DIR: dir }))).toEqual(first);
      expect(readdirSync(dir)).toEqual(['secrets-key']);
      writeFileSync(join(dir, 'secrets-key'), 'hỏng');
      expect(() => secretsKeyOf(loadConfig({ DATA_DIR: dir }))).toThrow(/secrets-key bị hỏng/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
