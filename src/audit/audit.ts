import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { AuditEntry, AuditedEntity, FieldChanges } from './entities/audit-entry.entity.js';

export interface AuditRecord {
  unitId: number | null;
  entity: AuditedEntity;
  entityId: number;
  action: string;
  changes: FieldChanges;
  note?: string | null;
}

/** Records a change; call it with the transaction's manager, so the record and the change commit together. */
export async function audit(em: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
  // updateEntity(false): nothing is read back (on SQLite TypeORM would SELECT the row's defaults after each insert)
  await em.createQueryBuilder().insert().into(AuditEntry).updateEntity(false).values({
    actorKind: actor.kind,
    actorUserId: actor.kind === 'user' ? actor.userId : null,
    actorName: actor.name,
    unitId: record.unitId,
    entity: record.entity,
    entityId: record.entityId,
    action: record.action,
    changes: record.changes as object,
    note: record.note ?? null,
  }).execute();
}

/**
 * The fields whose values differ between two versions of a row: { field: { from, to } }.
 * A field left undefined in `after` (absent from a patch) did not change.
 */
export function diff<T extends object>(before: T | null, after: T | null, fields: readonly (keyof T & string)[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const f of fields) {
    if (before && after && after[f] === undefined) continue;
    const from = before ? before[f] ?? null : null;
    const to = after ? after[f] ?? null : null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[f] = { from, to };
  }
  return changes;
}
