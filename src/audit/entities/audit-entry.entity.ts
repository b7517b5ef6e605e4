import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

export const AUDITED_ENTITIES = ['unit', 'official', 'user', 'plan', 'task', 'report', 'notification', 'session', 'zalo'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/**
 * One change: who, when, to what, before → after. Written in the transaction
 * of the change itself; never updated or deleted by the product.
 */
@Entity('audit_log')
@Index('ix_audit_log_entity', ['entity', 'entityId'])
@Index('ix_audit_log_unit', ['unitId', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @CreateDateColumn({ name: 'at' })
  at: Date;

  /** user or system (the reminders' and reports' jobs). */
  @Column({ name: 'actor_kind', type: 'varchar', length: 8 })
  actorKind: 'user' | 'system';

  @Column({ name: 'actor_user_id', type: 'integer', nullable: true })
  actorUserId: number | null;

  /** The name as it was at the time of the change. */
  @Column({ name: 'actor_name', type: 'varchar', length: 255 })
  actorName: string;

  /** The unit whose data changed; null for an account with no unit. */
  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId: number | null;

  @Column({ type: 'varchar', length: 16 })
  entity: AuditedEntity;

  @Column({ name: 'entity_id', type: 'integer' })
  entityId: number;

  @Column({ type: 'varchar', length: 24 })
  action: string;

  @Column({ type: 'json' })
  changes: FieldChanges;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
