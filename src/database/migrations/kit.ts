import { QueryRunner, TableColumnOptions, TableForeignKey } from 'typeorm';

/** Helpers shared by the migrations: what differs between SQLite and PostgreSQL, in one place. */

type Action = 'CASCADE' | 'RESTRICT' | 'SET NULL';

export function fk(column: string, table: string, onDelete: Action, onUpdate?: Action): TableForeignKey {
  return new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete, onUpdate });
}

/** Column shapes whose SQL differs between SQLite and PostgreSQL. */
export function columnKit(q: QueryRunner) {
  const types = q.connection.driver.mappedDataTypes;
  const instant = String(types.createDate);
  const now = String(types.createDateDefault);
  const isPostgres = q.connection.driver.options.type === 'postgres';
  return {
    instant,
    now,
    true: isPostgres ? 'true' : '1',
    false: isPostgres ? 'false' : '0',
    id: (): TableColumnOptions => ({
      name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment',
    }),
    stamps: (): TableColumnOptions[] => [
      { name: 'created_at', type: instant, default: now },
      { name: 'updated_at', type: instant, default: now },
      { name: 'version', type: 'integer' },
    ],
  };
}
