import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { columnKit } from './kit.js';

/**
 * Reminders by Zalo (ZNS): an official's mobile number and chosen channels
 * (in-app always; e-mail; Zalo); the delivery claims of a channel (which
 * channel, to whom, for which unit, and what came of it); and the Zalo
 * account of the install (or of a superior unit): its token pair, stored
 * together and versioned, since a refresh token works once, and the state of
 * the channel (up, or down and why) and of its quota.
 */
export class Zalo1764700000000 implements MigrationInterface {
  name = 'Zalo1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const k = columnKit(q);
    await q.addColumns('official', [
      new TableColumn({ name: 'phone', type: 'varchar', length: '11', isNullable: true }),
      new TableColumn({ name: 'notify_email', type: 'boolean', default: k.true }),
      new TableColumn({ name: 'notify_zalo', type: 'boolean', default: k.false }),
    ]);
    await q.addColumns('reminder_delivery', [
      new TableColumn({ name: 'channel', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'official_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'unit_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'outcome', type: 'varchar', length: '300', isNullable: true }),
    ]);
    await q.createTable(new Table({
      name: 'zalo_account',
      columns: [
        k.id(),
        // 'install': the install's own account; 'unit:<id>': the account a superior unit's communes go through
        { name: 'scope', type: 'varchar', length: '20' },
        { name: 'access_token', type: 'varchar', length: '1000', isNullable: true },
        { name: 'access_expires_at', type: k.instant, isNullable: true },
        { name: 'refresh_token', type: 'varchar', length: '1000', isNullable: true },
        { name: 'status', type: 'varchar', length: '8', default: "'up'" },
        { name: 'problem', type: 'varchar', length: '300', isNullable: true },
        { name: 'quota_daily', type: 'integer', isNullable: true },
        { name: 'quota_remaining', type: 'integer', isNullable: true },
        { name: 'quota_checked_at', type: k.instant, isNullable: true },
        { name: 'quota_spent_on', type: 'date', isNullable: true },
        ...k.stamps(),
      ],
      uniques: [{ name: 'uq_zalo_account_scope', columnNames: ['scope'] }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('zalo_account');
    // ALTER TABLE … DROP COLUMN on both (SQLite ≥ 3.35): TypeORM's dropColumns rebuilds a SQLite table,
    // and rebuilding `official`, which other tables reference, fails the foreign keys
    for (const c of ['channel', 'official_id', 'unit_id', 'outcome']) await q.query(`ALTER TABLE "reminder_delivery" DROP COLUMN "${c}"`);
    for (const c of ['phone', 'notify_email', 'notify_zalo']) await q.query(`ALTER TABLE "official" DROP COLUMN "${c}"`);
  }
}
