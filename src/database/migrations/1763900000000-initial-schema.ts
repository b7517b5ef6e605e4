import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnKit, fk } from './kit.js';

/**
 * The core schema. Written once with TypeORM's schema API so the same migration
 * runs on SQLite and PostgreSQL; the few type names that differ come from the
 * driver's own mapping.
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const c = columnKit(q);

    await q.createTable(new Table({
      name: 'unit',
      columns: [
        c.id(),
        { name: 'name', type: 'varchar', length: '255' },
        { name: 'parent_id', type: 'integer', isNullable: true },
        { name: 'report_cutoff', type: 'varchar', length: '16', default: "'ministry'" },
        ...c.stamps(),
      ],
      foreignKeys: [fk('parent_id', 'unit', 'RESTRICT')],
      indices: [{ columnNames: ['parent_id'] }],
    }));

    await q.createTable(new Table({
      name: 'official',
      columns: [
        c.id(),
        { name: 'unit_id', type: 'integer' },
        { name: 'full_name', type: 'varchar', length: '255' },
        { name: 'position', type: 'varchar', length: '255' },
        { name: 'role', type: 'varchar', length: '16', default: "'official'" },
        { name: 'email', type: 'varchar', length: '255', isNullable: true },
        { name: 'active', type: 'boolean', default: c.true },
        ...c.stamps(),
      ],
      foreignKeys: [fk('unit_id', 'unit', 'RESTRICT')],
      indices: [{ columnNames: ['unit_id'] }],
    }));

    await q.createTable(new Table({
      name: 'plan',
      columns: [
        c.id(),
        { name: 'unit_id', type: 'integer' },
        { name: 'number', type: 'varchar', length: '64' },
        { name: 'title', type: 'varchar', length: '500' },
        { name: 'year', type: 'integer' },
        { name: 'issued_on', type: 'date', isNullable: true },
        { name: 'decision', type: 'varchar', length: '1000', isNullable: true },
        { name: 'status', type: 'varchar', length: '16', default: "'draft'" },
        ...c.stamps(),
      ],
      uniques: [{ name: 'uq_plan_unit_year_number', columnNames: ['unit_id', 'year', 'number'] }],
      foreignKeys: [fk('unit_id', 'unit', 'RESTRICT')],
      indices: [{ columnNames: ['unit_id'] }],
    }));

    await q.createTable(new Table({
      name: 'phu_luc',
      columns: [
        c.id(),
        { name: 'plan_id', type: 'integer' },
        { name: 'number', type: 'integer' },
        { name: 'title', type: 'varchar', length: '255' },
        { name: 'heading', type: 'varchar', length: '500', isNullable: true },
      ],
      uniques: [{ name: 'uq_phu_luc_plan_number', columnNames: ['plan_id', 'number'] }],
      foreignKeys: [fk('plan_id', 'plan', 'CASCADE')],
    }));

    await q.createTable(new Table({
      name: 'task',
      columns: [
        c.id(),
        { name: 'plan_id', type: 'integer' },
        { name: 'phu_luc_id', type: 'integer' },
        { name: 'ordinal', type: 'integer' },
        { name: 'content', type: 'text' },
        { name: 'products', type: 'json' },
        { name: 'lead_text', type: 'text', default: "''" },
        { name: 'coordinators_text', type: 'text', default: "''" },
        { name: 'deadline_text', type: 'text', default: "''" },
        { name: 'schedule_kind', type: 'varchar', length: '16' },
        { name: 'needs_review', type: 'boolean', default: c.false },
        { name: 'schedule', type: 'json' },
        { name: 'assignee_id', type: 'integer', isNullable: true },
        { name: 'status', type: 'varchar', length: '16', default: "'open'" },
        ...c.stamps(),
      ],
      uniques: [{ name: 'uq_task_phu_luc_ordinal', columnNames: ['phu_luc_id', 'ordinal'] }],
      foreignKeys: [
        fk('plan_id', 'plan', 'CASCADE'),
        fk('phu_luc_id', 'phu_luc', 'CASCADE'),
        fk('assignee_id', 'official', 'SET NULL'),
      ],
      indices: [{ columnNames: ['plan_id'] }, { columnNames: ['assignee_id'] }],
    }));

    await q.createTable(new Table({
      name: 'task_coordinator',
      columns: [
        { name: 'task_id', type: 'integer', isPrimary: true },
        { name: 'official_id', type: 'integer', isPrimary: true },
      ],
      // TypeORM's join tables cascade updates too; said here so the schema matches the entity
      foreignKeys: [fk('task_id', 'task', 'CASCADE', 'CASCADE'), fk('official_id', 'official', 'CASCADE', 'CASCADE')],
      indices: [{ columnNames: ['task_id'] }, { columnNames: ['official_id'] }],
    }));

    await q.createTable(new Table({
      name: 'task_due_date',
      columns: [
        c.id(),
        { name: 'task_id', type: 'integer' },
        { name: 'due_on', type: 'date', isNullable: true },
        { name: 'label', type: 'varchar', length: '500', isNullable: true },
        { name: 'completed_on', type: 'date', isNullable: true },
        { name: 'evidence', type: 'text', isNullable: true },
      ],
      foreignKeys: [fk('task_id', 'task', 'CASCADE')],
      indices: [{ name: 'ix_task_due_date_task_due', columnNames: ['task_id', 'due_on'] }],
    }));

    await q.createTable(new Table({
      name: 'task_history',
      columns: [
        c.id(),
        { name: 'task_id', type: 'integer' },
        { name: 'at', type: c.instant, default: c.now },
        { name: 'action', type: 'varchar', length: '16' },
        { name: 'changes', type: 'json' },
        { name: 'note', type: 'text', isNullable: true },
      ],
      foreignKeys: [fk('task_id', 'task', 'CASCADE')],
      indices: [{ columnNames: ['task_id'] }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['task_history', 'task_due_date', 'task_coordinator', 'task', 'phu_luc', 'plan', 'official', 'unit']) {
      await q.dropTable(table);
    }
  }
}
