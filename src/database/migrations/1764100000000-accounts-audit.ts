import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnKit, fk } from './kit.js';

const BEFORE_ACCOUNTS = 'Người dùng (trước khi có tài khoản)';

/**
 * Accounts, sessions, progress notes and the audit trail. The task history
 * kept so far becomes the audit trail's first entries (actor unknown), and
 * its table goes: one record of every change, not two.
 */
export class AccountsAudit1764100000000 implements MigrationInterface {
  name = 'AccountsAudit1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const c = columnKit(q);
    const { instant, now } = c;
    const isPostgres = q.connection.driver.options.type === 'postgres';

    await q.createTable(new Table({
      name: 'app_user',
      columns: [
        c.id(),
        { name: 'username', type: 'varchar', length: '64' },
        { name: 'password_hash', type: 'varchar', length: '255' },
        { name: 'role', type: 'varchar', length: '16' },
        { name: 'unit_id', type: 'integer', isNullable: true },
        { name: 'official_id', type: 'integer', isNullable: true },
        { name: 'active', type: 'boolean', default: c.true },
        { name: 'must_change_password', type: 'boolean', default: c.false },
        ...c.stamps(),
      ],
      indices: [
        { name: 'uq_app_user_username', columnNames: ['username'], isUnique: true },
        { name: 'uq_app_user_official', columnNames: ['official_id'], isUnique: true },
        { columnNames: ['unit_id'] },
      ],
      foreignKeys: [fk('unit_id', 'unit', 'RESTRICT'), fk('official_id', 'official', 'RESTRICT')],
    }));
    await q.createTable(new Table({
      name: 'user_session',
      columns: [
        { name: 'id', type: 'varchar', length: '64', isPrimary: true },
        { name: 'user_id', type: 'integer' },
        { name: 'created_at', type: instant, default: now },
        { name: 'expires_at', type: instant },
        { name: 'revoked_at', type: instant, isNullable: true },
      ],
      indices: [{ columnNames: ['user_id'] }],
      foreignKeys: [fk('user_id', 'app_user', 'CASCADE')],
    }));
    await q.createTable(new Table({
      name: 'task_note',
      columns: [
        c.id(),
        { name: 'task_id', type: 'integer' },
        { name: 'author_user_id', type: 'integer' },
        { name: 'author_name', type: 'varchar', length: '255' },
        { name: 'text', type: 'text' },
        { name: 'created_at', type: instant, default: now },
      ],
      indices: [{ columnNames: ['task_id'] }],
      foreignKeys: [fk('task_id', 'task', 'CASCADE')],
    }));
    await q.createTable(new Table({
      name: 'audit_log',
      columns: [
        c.id(),
        { name: 'at', type: instant, default: now },
        { name: 'actor_kind', type: 'varchar', length: '8' },
        { name: 'actor_user_id', type: 'integer', isNullable: true },
        { name: 'actor_name', type: 'varchar', length: '255' },
        { name: 'unit_id', type: 'integer', isNullable: true },
        { name: 'entity', type: 'varchar', length: '16' },
        { name: 'entity_id', type: 'integer' },
        { name: 'action', type: 'varchar', length: '24' },
        { name: 'changes', type: 'json' },
        { name: 'note', type: 'text', isNullable: true },
      ],
      indices: [
        { name: 'ix_audit_log_entity', columnNames: ['entity', 'entity_id'] },
        { name: 'ix_audit_log_unit', columnNames: ['unit_id', 'id'] },
      ],
    }));
    await q.query(
      `INSERT INTO audit_log (at, actor_kind, actor_user_id, actor_name, unit_id, entity, entity_id, action, changes, note)
       SELECT h.at, 'user', NULL, $1, p.unit_id, 'task', h.task_id, h.action, h.changes, h.note
       FROM task_history h JOIN task t ON t.id = h.task_id JOIN plan p ON p.id = t.plan_id ORDER BY h.id`.replace('$1', isPostgres ? '$1' : '?'),
      [BEFORE_ACCOUNTS],
    );
    await q.dropTable('task_history');
  }

  async down(q: QueryRunner): Promise<void> {
    const c = columnKit(q);
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
    await q.query(
      `INSERT INTO task_history (task_id, at, action, changes, note)
       SELECT a.entity_id, a.at, a.action, a.changes, a.note FROM audit_log a JOIN task t ON t.id = a.entity_id
       WHERE a.entity = 'task' AND a.action IN ('created', 'updated', 'assigned', 'completed', 'reopened', 'cancelled') ORDER BY a.id`,
    );
    for (const table of ['audit_log', 'task_note', 'user_session', 'app_user']) await q.dropTable(table);
  }
}
