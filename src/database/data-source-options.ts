import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import type { DatabaseConfig } from '../config/env.js';
import { InstallInfo } from './install-info.entity.js';
import { MIGRATIONS } from './migrations/index.js';

const PG_DATE_OID = 1082;
const PG_TIMESTAMP_OID = 1114;

/**
 * Dates stay 'YYYY-MM-DD' strings end to end (node-postgres would turn them into
 * a JS Date at the server's local midnight), and timestamps are UTC whatever the
 * host's time zone.
 */
function configurePostgresTypes(): void {
  pg.types.setTypeParser(PG_DATE_OID, (v: string) => v);
  pg.types.setTypeParser(PG_TIMESTAMP_OID, (v: string) => new Date(`${v.replace(' ', 'T')}Z`));
  pg.defaults.parseInputDatesAsUTC = true;
}

/**
 * The data source of the product. The features' entities are given by the
 * composition root (src/schema.ts): the database layer knows no feature.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function dataSourceOptions(db: DatabaseConfig, entities: MixedList<Function | string | EntitySchema>, opts: { logSql?: boolean } = {}): DataSourceOptions {
  const common = {
    entities: [InstallInfo, ...(entities as unknown[])] as MixedList<Function | EntitySchema>,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: (opts.logSql ? ['query', 'error'] : ['error']) as ('query' | 'error')[],
  };
  if (db.type === 'postgres') {
    configurePostgresTypes();
    return {
      ...common,
      type: 'postgres',
      url: db.url,
      driver: pg,
      extra: { options: '-c TimeZone=UTC', max: 10 },
    } as DataSourceOptions;
  }
  if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    // WAL lets readers go on while one writer commits; the busy timeout makes a
    // second process (a worker, the CLI) wait for the lock instead of failing.
    enableWAL: true,
    timeout: 10_000,
    ...(db.nativeBinding ? { nativeBinding: db.nativeBinding } : {}),
    prepareDatabase: (conn: { pragma(s: string): unknown }) => {
      conn.pragma('foreign_keys = ON');
      // FULL: a commit survives a power cut, which commune offices do have.
      conn.pragma('synchronous = FULL');
    },
  } as DataSourceOptions;
}

/**
 * Bytes in a column. SQLite calls the type blob, PostgreSQL bytea, and each of
 * TypeORM's drivers refuses the other's name; an entity's decorators run before
 * the configuration says which database it is. So entities declare 'blob', and
 * on PostgreSQL the data source reads that as bytea (the migrations create
 * bytea there): the metadata check, and the schema comparison of
 * test/schema.e2e-spec.ts, then see the column the migrations made. Both
 * drivers hand a Buffer back.
 */
export function blobIsByteaOnPostgres(dataSource: DataSource): void {
  if (dataSource.options.type !== 'postgres') return;
  const driver = dataSource.driver;
  const normalize = driver.normalizeType.bind(driver);
  driver.normalizeType = (column) => (column.type === 'blob' ? 'bytea' : normalize(column));
}
