import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';

/** Periodic report snapshots. */
export class Reports1764000000000 implements MigrationInterface {
  name = 'Reports1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const types = q.connection.driver.mappedDataTypes;
    await q.createTable(new Table({
      name: 'report',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'plan_id', type: 'integer' },
        { name: 'unit_id', type: 'integer' },
        { name: 'period', type: 'varchar', length: '8' },
        { name: 'year', type: 'integer' },
        { name: 'version', type: 'integer' },
        { name: 'cutoff', type: 'date' },
        { name: 'trigger', type: 'varchar', length: '8' },
        { name: 'auto_key', type: 'varchar', length: '64', isNullable: true },
        { name: 'generated_at', type: String(types.createDate), default: String(types.createDateDefault) },
        { name: 'generated_by', type: 'varchar', length: '255' },
        { name: 'data', type: 'json' },
      ],
      uniques: [{ name: 'uq_report_auto_key', columnNames: ['auto_key'] }],
      indices: [{ name: 'ix_report_plan_period', columnNames: ['plan_id', 'year', 'period'] }],
      foreignKeys: [new TableForeignKey({ columnNames: ['plan_id'], referencedTableName: 'plan', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('report');
  }
}
