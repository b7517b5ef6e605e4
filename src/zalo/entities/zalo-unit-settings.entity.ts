import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { VersionedRecord } from '../../database/versioned-record.js';
import { Unit } from '../../organization/entities/unit.entity.js';

export type ZaloMode = 'production' | 'development';

/**
 * A superior unit's own Zalo app and Official Account (a province's, say):
 * the communes beneath it send their reminders through it rather than the
 * install's. The OA's token pair lives in its zalo_account row, scope
 * 'unit:<unitId>'. The secret key is never answered back by the API.
 */
@Entity('zalo_unit_settings')
export class ZaloUnitSettings extends VersionedRecord {
  @PrimaryColumn({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Column({ name: 'app_id', type: 'varchar', length: 30 })
  appId: string;

  /** Sealed (common/secret-box.ts): the repository seals and opens it. */
  @Column({ name: 'secret_key', type: 'varchar', length: 1000 })
  secretKey: string;

  @Column({ name: 'template_before', type: 'varchar', length: 64, nullable: true })
  templateBefore: string | null;

  @Column({ name: 'template_due', type: 'varchar', length: 64, nullable: true })
  templateDue: string | null;

  @Column({ name: 'template_overdue', type: 'varchar', length: 64, nullable: true })
  templateOverdue: string | null;

  @Column({ name: 'template_digest', type: 'varchar', length: 64, nullable: true })
  templateDigest: string | null;

  /** development: only the OA's administrators receive (trials). */
  @Column({ type: 'varchar', length: 12, default: 'production' })
  mode: ZaloMode;
}
