import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../../accounts/entities/user.entity.js';
import { Unit } from '../../organization/entities/unit.entity.js';

/**
 * A previewed import waiting for the person to confirm it: the file as read
 * (not the file itself), for whom, until when. Confirming or expiring removes it.
 */
@Entity('plan_import')
export class PlanImport {
  /** The token the confirmation names. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Index()
  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  /** The year the person chose at upload, or null (the document's). */
  @Column({ type: 'integer', nullable: true })
  year: number | null;

  /** The ParsedPlan, as JSON text. */
  @Column({ type: 'text' })
  parsed: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Index()
  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;
}
