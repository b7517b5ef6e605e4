import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * ix_task_due_date_open_due: the reminder sweep reads the open due dates up to
 * a date near now (completed_on IS NULL AND due_on <= :until) instead of every
 * open due date of every year, and takes the task id from the index itself.
 */
export class ReminderWindow1764900000000 implements MigrationInterface {
  name = 'ReminderWindow1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('task_due_date', new TableIndex({ name: 'ix_task_due_date_open_due', columnNames: ['completed_on', 'due_on', 'task_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('task_due_date', 'ix_task_due_date_open_due');
  }
}
