import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnKit, fk } from './kit.js';

/**
 * Zalo settings per superior unit: its own app (id, secret key), template ids
 * per reminder kind and mode; the communes beneath it send through its
 * Official Account, whose token pair is a zalo_account row of scope
 * 'unit:<id>' (the table already allows it).
 */
export class ZaloUnitSettings1764950000000 implements MigrationInterface {
  name = 'ZaloUnitSettings1764950000000';

  async up(q: QueryRunner): Promise<void> {
    const k = columnKit(q);
    await q.createTable(new Table({
      name: 'zalo_unit_settings',
      columns: [
        { name: 'unit_id', type: 'integer', isPrimary: true },
        { name: 'app_id', type: 'varchar', length: '30' },
        { name: 'secret_key', type: 'varchar', length: '200' },
        { name: 'template_before', type: 'varchar', length: '64', isNullable: true },
        { name: 'template_due', type: 'varchar', length: '64', isNullable: true },
        { name: 'template_overdue', type: 'varchar', length: '64', isNullable: true },
        { name: 'template_digest', type: 'varchar', length: '64', isNullable: true },
        { name: 'mode', type: 'varchar', length: '12', default: "'production'" },
        ...k.stamps(),
      ],
      foreignKeys: [fk('unit_id', 'unit', 'CASCADE')],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "zalo_account" WHERE "scope" LIKE 'unit:%'`);
    await q.dropTable('zalo_unit_settings');
  }
}
