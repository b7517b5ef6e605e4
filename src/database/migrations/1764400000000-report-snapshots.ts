import { gunzipSync, gzipSync } from 'node:zlib';
import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnKit } from './kit.js';

/**
 * Report snapshots stored compactly: the JSON column `data` (3 MB for a
 * 1,400-task report, each open task written out in up to four lists) becomes
 * `snapshot`, gzip of the same report with its lists naming tasks by id
 * (bytea on PostgreSQL, blob on SQLite). The headline figures get columns of
 * their own, so the list of versions opens no snapshot, and `deleted_at` marks
 * a deleted draft. down() writes the JSON back; a deleted draft has none, and
 * goes.
 *
 * The format is written out here rather than imported from src/reports: a
 * migration converts to the format of its day, whatever the code says later.
 */
type Line = { taskId: number };
type Lists = Record<string, (number | Line)[]>;
type Snapshot = { tasks: Line[]; lists: Lists; figures: { ratio: string; percent: string; summary: string } };

function compact(data: Snapshot): Snapshot {
  const byId = new Map(data.tasks.map((t) => [t.taskId, JSON.stringify(t)]));
  const lists = Object.fromEntries(Object.entries(data.lists).map(([name, lines]) =>
    [name, lines.map((l) => (typeof l !== 'number' && byId.get(l.taskId) === JSON.stringify(l) ? l.taskId : l))]));
  return { ...data, lists };
}

function expand(stored: Snapshot): Snapshot {
  const byId = new Map(stored.tasks.map((t) => [t.taskId, t]));
  const lists = Object.fromEntries(Object.entries(stored.lists).map(([name, entries]) =>
    [name, entries.map((e) => (typeof e === 'number' ? byId.get(e)! : e))]));
  return { ...stored, lists };
}

export class ReportSnapshots1764400000000 implements MigrationInterface {
  name = 'ReportSnapshots1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const { instant } = columnKit(q);
    const headline = (nullable: boolean) => [
      new TableColumn({ name: 'ratio', type: 'varchar', length: '24', isNullable: nullable }),
      new TableColumn({ name: 'percent', type: 'varchar', length: '16', isNullable: nullable }),
      new TableColumn({ name: 'summary', type: 'varchar', length: '255', isNullable: nullable }),
    ];
    await q.addColumns('report', [
      ...headline(true),
      new TableColumn({ name: 'snapshot', type: bytes(q), isNullable: true }),
      new TableColumn({ name: 'deleted_at', type: instant, isNullable: true }),
    ]);
    // one row at a time: a snapshot can be megabytes
    for (const { id } of await query(q, 'SELECT id FROM report ORDER BY id')) {
      const [row] = await query(q, 'SELECT data FROM report WHERE id = :id', { id });
      const data: Snapshot = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
      await query(q, 'UPDATE report SET ratio = :ratio, percent = :percent, summary = :summary, snapshot = :snapshot WHERE id = :id', {
        id, ratio: data.figures.ratio, percent: data.figures.percent, summary: data.figures.summary,
        snapshot: gzipSync(JSON.stringify(compact(data))),
      });
    }
    await q.dropColumn('report', 'data');
    await q.changeColumns('report', headline(true).map((oldColumn, i) => ({ oldColumn, newColumn: headline(false)[i] })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.addColumn('report', new TableColumn({ name: 'data', type: 'json', isNullable: true }));
    await query(q, 'DELETE FROM report WHERE snapshot IS NULL');
    for (const { id } of await query(q, 'SELECT id FROM report ORDER BY id')) {
      const [row] = await query(q, 'SELECT snapshot FROM report WHERE id = :id', { id });
      const data = expand(JSON.parse(gunzipSync(row.snapshot as Buffer).toString('utf8')));
      await query(q, 'UPDATE report SET data = :data WHERE id = :id', { id, data: JSON.stringify(data) });
    }
    await q.dropColumns('report', ['ratio', 'percent', 'summary', 'snapshot', 'deleted_at']);
    await q.changeColumn('report', 'data', new TableColumn({ name: 'data', type: 'json' }));
  }
}

function bytes(q: QueryRunner): string {
  return q.connection.driver.options.type === 'postgres' ? 'bytea' : 'blob';
}

function query(q: QueryRunner, sql: string, params: Record<string, unknown> = {}): Promise<Record<string, any>[]> {
  return q.query(...q.connection.driver.escapeQueryWithParameters(sql, params));
}
