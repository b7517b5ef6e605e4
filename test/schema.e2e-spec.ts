import { MIGRATIONS } from '../src/schema.js';
import { DB_KIND, startApp, TestApp } from './support/app.js';

/** The schema comes from migrations only; it must be exactly what the entities describe. */
describe(`schema on ${DB_KIND}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('has applied every migration at start-up', async () => {
    expect(await t.db.showMigrations()).toBe(false);
  });

  it('matches the entities: nothing left for TypeORM to synchronize', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('migrates down and up again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await t.db.undoLastMigration({ transaction: 'each' });
    const tables = await t.db.createQueryRunner().getTables(['plan', 'task', 'notification']);
    expect(tables).toHaveLength(0);
    await t.db.runMigrations({ transaction: 'each' });
    expect(await t.db.showMigrations()).toBe(false);
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
  });

  it('runs with WAL and foreign keys on SQLite, UTC sessions on PostgreSQL', async () => {
    if (DB_KIND === 'sqlite') {
      expect((await t.db.query('PRAGMA journal_mode'))[0].journal_mode).toBe('wal');
      expect((await t.db.query('PRAGMA foreign_keys'))[0].foreign_keys).toBe(1);
      expect((await t.db.query('PRAGMA synchronous'))[0].synchronous).toBe(2);
    } else {
      expect((await t.db.query('SHOW TimeZone'))[0].TimeZone).toBe('UTC');
    }
  });
});
