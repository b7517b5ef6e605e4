import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ResourceFacts } from './permissions.js';

export const RESOURCE_KINDS = ['unit', 'official', 'user', 'plan', 'task', 'report', 'notification'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** How the guard names a missing resource, in the words of NotFound elsewhere. */
export const RESOURCE_LABELS: Record<ResourceKind, string> = {
  unit: 'đơn vị', official: 'cán bộ, công chức', user: 'tài khoản', plan: 'kế hoạch', task: 'nhiệm vụ', report: 'báo cáo',
  notification: 'thông báo',
};

const QUERIES: Record<ResourceKind, string> = {
  unit: 'SELECT id AS unit_id FROM unit WHERE id = :id',
  official: 'SELECT unit_id FROM official WHERE id = :id',
  user: 'SELECT unit_id FROM app_user WHERE id = :id',
  plan: 'SELECT unit_id FROM plan WHERE id = :id',
  task: `SELECT p.unit_id, t.assignee_id AS lead_official_id,
           (SELECT COUNT(*) FROM task_coordinator c WHERE c.task_id = t.id) AS coordinators
         FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = :id`,
  report: 'SELECT unit_id FROM report WHERE id = :id',
  notification: 'SELECT o.unit_id, n.official_id AS recipient_official_id FROM notification n JOIN official o ON o.id = n.official_id WHERE n.id = :id',
};

/**
 * What access depends on for the resource a route names: its unit, and for a
 * task its officials. One small query.
 *
 * The one documented exception to "each feature reads its own tables": access
 * sits below every feature, so it reads their tables by name here, in SQL,
 * without importing them. Nothing else here writes or reads for any other purpose.
 */
@Injectable()
export class AccessRepository {
  constructor(private readonly db: DataSource) {}

  async facts(kind: ResourceKind, id: number): Promise<ResourceFacts | null> {
    const [row] = await this.query(QUERIES[kind], { id });
    if (!row) return null;
    const facts: ResourceFacts = { unitId: row.unit_id === null ? null : Number(row.unit_id) };
    if (kind === 'task') {
      facts.leadOfficialId = row.lead_official_id === null ? null : Number(row.lead_official_id);
      facts.coordinatorIds = Number(row.coordinators)
        ? (await this.query('SELECT official_id FROM task_coordinator WHERE task_id = :id', { id })).map((r) => Number(r.official_id))
        : [];
    }
    if (kind === 'notification') facts.recipientOfficialId = Number(row.recipient_official_id);
    return facts;
  }

  private query(sql: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return this.db.query(...this.db.driver.escapeQueryWithParameters(sql, params));
  }
}
