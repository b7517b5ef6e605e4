import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The Zalo account a message went through ('install' or 'unit:<id>'), on the
 * message's delivery claim: the month's count per account follows the account
 * that sent, not the one the unit uses now. The claims made before it are
 * given the account their unit uses at the time of the migration (the nearest
 * superior with settings, else the install's), the best that can be known.
 */
export class ZaloSentThrough1765000000000 implements MigrationInterface {
  name = 'ZaloSentThrough1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('reminder_delivery', new TableColumn({ name: 'account_scope', type: 'varchar', length: '20', isNullable: true }));
    const units: { id: number; parentId: number | null }[] = await q.query(`SELECT "id", "parent_id" AS "parentId" FROM "unit"`);
    const parentOf = new Map(units.map((u) => [Number(u.id), u.parentId === null ? null : Number(u.parentId)]));
    const withSettings = new Set((await q.query(`SELECT "unit_id" AS "unitId" FROM "zalo_unit_settings"`)).map((r: { unitId: number }) => Number(r.unitId)));
    const claimed: { unitId: number }[] = await q.query(`SELECT DISTINCT "unit_id" AS "unitId" FROM "reminder_delivery" WHERE "channel" = 'zalo' AND "unit_id" IS NOT NULL`);
    const p = (i: number) => (q.connection.driver.options.type === 'postgres' ? `$${i}` : '?');
    for (const { unitId } of claimed) {
      // the nearest unit with settings, walking up (a cycle ends the walk)
      const seen = new Set<number>();
      let at: number | null | undefined = Number(unitId);
      while (at !== null && at !== undefined && !withSettings.has(at) && !seen.has(at)) {
        seen.add(at);
        at = parentOf.get(at);
      }
      const scope = at !== null && at !== undefined && withSettings.has(at) ? `unit:${at}` : 'install';
      await q.query(`UPDATE "reminder_delivery" SET "account_scope" = ${p(1)} WHERE "channel" = 'zalo' AND "unit_id" = ${p(2)}`, [scope, Number(unitId)]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reminder_delivery" DROP COLUMN "account_scope"`);
  }
}
