import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';

/** Evidence files attached to tasks, and the bytes of files kept in the database (FILE_STORAGE=database). */
export class EvidenceFiles1764613000000 implements MigrationInterface {
  name = 'EvidenceFiles1764613000000';

  async up(q: QueryRunner): Promise<void> {
    const types = q.connection.driver.mappedDataTypes;
    const bytes = q.connection.driver.options.type === 'postgres' ? 'bytea' : 'blob';
    await q.createTable(new Table({
      name: 'evidence_file',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'task_id', type: 'integer' },
        { name: 'plan_id', type: 'integer' },
        { name: 'unit_id', type: 'integer' },
        { name: 'due_on', type: 'date', isNullable: true },
        { name: 'name', type: 'varchar', length: '255' },
        { name: 'mime', type: 'varchar', length: '127' },
        { name: 'size', type: 'integer' },
        { name: 'sha256', type: 'varchar', length: '64' },
        { name: 'storage', type: 'varchar', length: '16' },
        { name: 'storage_key', type: 'varchar', length: '128' },
        { name: 'uploaded_by', type: 'varchar', length: '255' },
        { name: 'uploaded_by_user_id', type: 'integer', isNullable: true },
        { name: 'created_at', type: String(types.createDate), default: String(types.createDateDefault) },
      ],
      uniques: [{ name: 'uq_evidence_file_key', columnNames: ['storage_key'] }],
      indices: [
        { name: 'ix_evidence_file_task', columnNames: ['task_id'] },
        { name: 'ix_evidence_file_plan', columnNames: ['plan_id'] },
      ],
      foreignKeys: [new TableForeignKey({ columnNames: ['task_id'], referencedTableName: 'task', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
    }));
    await q.createTable(new Table({
      name: 'file_blob',
      columns: [
        { name: 'key', type: 'varchar', length: '128', isPrimary: true },
        { name: 'size', type: 'integer' },
        { name: 'bytes', type: bytes },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('file_blob');
    await q.dropTable('evidence_file');
  }
}
