import { ConfigError, loadConfig, parseDatabaseUrl } from './env.js';

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
