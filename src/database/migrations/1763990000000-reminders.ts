import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/** Reminder settings of units and officials, in-app notifications, and delivery claims. */
export class Reminders1763990000000 implements MigrationInterface {
  name = 'Reminders1763990000000';

  async up(q: QueryRunner): Promise<void> {
    const types = q.connection.driver.mappedDataTypes;
    const instant = String(types.createDate);
    const now = String(types.createDateDefault);
    await q.addColumns('unit', [
      new TableColumn({ name: 'reminder_offsets', type: 'json', isNullable: true }),
      new TableColumn({ name: 'reminder_time', type: 'varchar', length: '5', default: "'07:30'" }),
      new TableColumn({ name: 'overdue_every_days', type: 'integer', default: 7 }),
    ]);
    await q.addColumn('official', new TableColumn({ name: 'reminder_mode', type: 'varchar', length: '8', default: "'each'" }));
    await q.createTable(new Table({
      name: 'notification',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'official_id', type: 'integer' },
        { name: 'task_id', type: 'integer', isNullable: true },
        { name: 'kind', type: 'varchar', length: '32' },
        { name: 'due_on', type: 'date', isNullable: true },
        { name: 'title', type: 'varchar', length: '500' },
        { name: 'body', type: 'text' },
        { name: 'created_at', type: instant, default: now },
        { name: 'read_at', type: instant, isNullable: true },
      ],
      indices: [{ name: 'ix_notification_official_read', columnNames: ['official_id', 'read_at'] }],
    }));
    await q.createTable(new Table({
      name: 'reminder_delivery',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'key', type: 'varchar', length: '200' },
        { name: 'task_id', type: 'integer', isNullable: true },
        { name: 'due_on', type: 'date', isNullable: true },
        { name: 'kind', type: 'varchar', length: '32' },
        { name: 'claimed_at', type: instant, default: now },
        { name: 'notified_at', type: instant, isNullable: true },
        { name: 'mailed_at', type: instant, isNullable: true },
      ],
      uniques: [{ name: 'uq_reminder_delivery_key', columnNames: ['key'] }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('reminder_delivery');
    await q.dropTable('notification');
    await q.dropColumn('official', 'reminder_mode');
    for (const c of ['overdue_every_days', 'reminder_time', 'reminder_offsets']) await q.dropColumn('unit', c);
  }
}
