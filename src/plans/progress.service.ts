import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFound } from '../common/errors.js';
import { todayLocal } from '../common/local-date.js';
import { Plan } from './entities/plan.entity.js';
import { ProgressCounts, ProgressFigures, progressFigures, sumCounts } from './progress.js';

export interface PlanProgress extends ProgressFigures {
  planId: number;
  asOf: string;
  phuLucs: (ProgressFigures & { phuLuc: number; title: string })[];
}

/**
 * Per task, over its due-date rows as of a date: how many are still open, how
 * many were met late, how many are open past their date. Then per Phụ lục: a
 * task is completed when none is open. One query, whatever the plan's size.
 */
const PROGRESS_SQL = `
SELECT p.number AS phu_luc, p.title AS title,
  COUNT(t.id) AS planned,
  SUM(CASE WHEN d.open_count = 0 THEN 1 ELSE 0 END) AS completed,
  SUM(CASE WHEN d.open_count = 0 AND d.late_count = 0 THEN 1 ELSE 0 END) AS completed_on_time,
  SUM(CASE WHEN d.open_count = 0 AND d.late_count > 0 THEN 1 ELSE 0 END) AS completed_late,
  SUM(CASE WHEN d.open_count > 0 AND d.overdue_count > 0 THEN 1 ELSE 0 END) AS overdue
FROM phu_luc p
LEFT JOIN task t ON t.phu_luc_id = p.id AND t.status <> 'cancelled'
LEFT JOIN (
  SELECT dd.task_id,
    SUM(CASE WHEN dd.completed_on IS NULL OR dd.completed_on > :asOf THEN 1 ELSE 0 END) AS open_count,
    SUM(CASE WHEN dd.completed_on <= :asOf AND dd.due_on IS NOT NULL AND dd.completed_on > dd.due_on THEN 1 ELSE 0 END) AS late_count,
    SUM(CASE WHEN (dd.completed_on IS NULL OR dd.completed_on > :asOf) AND dd.due_on < :asOf THEN 1 ELSE 0 END) AS overdue_count
  FROM task_due_date dd
  INNER JOIN task tt ON tt.id = dd.task_id AND tt.plan_id = :planId
  GROUP BY dd.task_id
) d ON d.task_id = t.id
WHERE p.plan_id = :planId
GROUP BY p.number, p.title
ORDER BY p.number`;

@Injectable()
export class ProgressService {
  constructor(private readonly db: DataSource) {}

  async progress(planId: number, asOf: string = todayLocal()): Promise<PlanProgress> {
    const exists = await this.db.getRepository(Plan).existsBy({ id: planId });
    if (!exists) throw new NotFound('kế hoạch', planId);
    const [sql, params] = this.db.driver.escapeQueryWithParameters(PROGRESS_SQL, { planId, asOf });
    const rows: Record<string, unknown>[] = await this.db.query(sql, params);
    const phuLucs = rows.map((r) => {
      const counts: ProgressCounts = {
        planned: Number(r.planned ?? 0),
        completed: Number(r.completed ?? 0),
        completedOnTime: Number(r.completed_on_time ?? 0),
        completedLate: Number(r.completed_late ?? 0),
        overdue: Number(r.overdue ?? 0),
      };
      return { phuLuc: Number(r.phu_luc), title: String(r.title), counts };
    });
    return {
      planId,
      asOf,
      ...progressFigures(sumCounts(phuLucs.map((p) => p.counts))),
      phuLucs: phuLucs.map((p) => ({ phuLuc: p.phuLuc, title: p.title, ...progressFigures(p.counts) })),
    };
  }
}
