import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { isSealed, open, seal } from '../../common/secret-box.js';
import { secretsKeyFor } from '../secrets-key.js';

/** The columns that hold secrets, and their size before (plain) and after (sealed). */
const SECRETS = [
  { table: 'zalo_unit_settings', key: 'unit_id', column: 'secret_key', nullable: false, plain: '200', sealed: '1000' },
  { table: 'zalo_account', key: 'id', column: 'access_token', nullable: true, plain: '1000', sealed: '2000' },
  { table: 'zalo_account', key: 'id', column: 'refresh_token', nullable: true, plain: '1000', sealed: '2000' },
] as const;

/**
 * The Zalo secrets kept in the database (a unit's app secret key, each
 * Official Account's access and refresh tokens) sealed with AES-256-GCM under
 * the install's key (SECRETS_KEY or DATA_DIR/secrets-key, common/secret-box.ts):
 * the columns widened for the sealed text, the rows there sealed in place.
 * down opens them again (with the same key) and narrows the columns back.
 */
export class SealedSecrets1765100000000 implements MigrationInterface {
  name = 'SealedSecrets1765100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const s of SECRETS) await resize(q, s, s.sealed);
    await rewrite(q, (key, v) => (isSealed(v) ? v : seal(key, v)));
  }

  async down(q: QueryRunner): Promise<void> {
    await rewrite(q, (key, v) => (isSealed(v) ? open(key, v) : v));
    for (const s of SECRETS) await resize(q, s, s.plain);
  }
}

async function resize(q: QueryRunner, s: (typeof SECRETS)[number], length: string): Promise<void> {
  // PostgreSQL alters the type in place (TypeORM's changeColumn would drop and add the column, and its values)
  if (q.connection.driver.options.type === 'postgres') {
    await q.query(`ALTER TABLE "${s.table}" ALTER COLUMN "${s.column}" TYPE varchar(${length})`);
    return;
  }
  // SQLite: the table is made again with its rows (neither table is referenced by another)
  const table = await q.getTable(s.table);
  const old = table!.findColumnByName(s.column)!;
  await q.changeColumn(s.table, old, new TableColumn({ name: s.column, type: 'varchar', length, isNullable: s.nullable }));
}

/** Each secret of each row through `change`, the key asked for only when there is a row. */
async function rewrite(q: QueryRunner, change: (key: Buffer, value: string) => string): Promise<void> {
  const p = (i: number) => (q.connection.driver.options.type === 'postgres' ? `$${i}` : '?');
  for (const s of SECRETS) {
    const rows: { id: number; value: string }[] = await q.query(`SELECT "${s.key}" AS "id", "${s.column}" AS "value" FROM "${s.table}" WHERE "${s.column}" IS NOT NULL`);
    for (const r of rows) {
      const next = change(secretsKeyFor(q.connection), r.value);
      if (next !== r.value) await q.query(`UPDATE "${s.table}" SET "${s.column}" = ${p(1)} WHERE "${s.key}" = ${p(2)}`, [next, r.id]);
    }
  }
}
