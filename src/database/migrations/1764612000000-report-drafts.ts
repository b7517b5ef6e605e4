import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnKit } from './kit.js';

/**
 * Report versions that are drafts until marked final: `final_at` and
 * `finalized_by` (automatic reports, final from the start, get their
 * generation time), `revision` for optimistic edits of a draft. Units get the
 * thresholds of the CCHC index's plan criterion (for the units beneath them)
 * and the day of the cut-off month their reports are due.
 */
export class ReportDrafts1764612000000 implements MigrationInterface {
  name = 'ReportDrafts1764612000000';

  async up(q: QueryRunner): Promise<void> {
    const { instant } = columnKit(q);
    await q.addColumns('report', [
      new TableColumn({ name: 'final_at', type: instant, isNullable: true }),
      new TableColumn({ name: 'finalized_by', type: 'varchar', length: '255', isNullable: true }),
      new TableColumn({ name: 'revision', type: 'integer', default: 1 }),
    ]);
    await q.query("UPDATE report SET final_at = generated_at, finalized_by = generated_by WHERE \"trigger\" = 'auto'");
    await q.addColumns('unit', [
      new TableColumn({ name: 'cchc_thresholds', type: 'json', isNullable: true }),
      new TableColumn({ name: 'report_due_day', type: 'integer', default: 18 }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    // ALTER TABLE … DROP COLUMN on both (SQLite ≥ 3.35): TypeORM's dropColumns rebuilds a SQLite
    // table, and rebuilding `unit`, which other tables reference, fails the foreign keys
    for (const c of ['cchc_thresholds', 'report_due_day']) await q.query(`ALTER TABLE "unit" DROP COLUMN "${c}"`);
    for (const c of ['final_at', 'finalized_by', 'revision']) await q.query(`ALTER TABLE "report" DROP COLUMN "${c}"`);
  }
}
