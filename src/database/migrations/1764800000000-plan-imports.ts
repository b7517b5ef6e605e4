import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnKit, fk } from './kit.js';

/** plan_import: previews of imported plan files, waiting for confirmation (src/plan-files). */
export class PlanImports1764800000000 implements MigrationInterface {
  name = 'PlanImports1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const { instant } = columnKit(q);
    await q.createTable(new Table({
      name: 'plan_import',
      columns: [
        { name: 'id', type: 'varchar', length: '64', isPrimary: true },
        { name: 'unit_id', type: 'integer' },
        { name: 'user_id', type: 'integer', isNullable: true },
        { name: 'file_name', type: 'varchar', length: '255' },
        { name: 'year', type: 'integer', isNullable: true },
        { name: 'parsed', type: 'text' },
        { name: 'created_at', type: instant },
        { name: 'expires_at', type: instant },
      ],
      foreignKeys: [fk('unit_id', 'unit', 'CASCADE'), fk('user_id', 'app_user', 'CASCADE')],
      indices: [
        { columnNames: ['unit_id'] },
        { columnNames: ['expires_at'] },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('plan_import');
  }
}
