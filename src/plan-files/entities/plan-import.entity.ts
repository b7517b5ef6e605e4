import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

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

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

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
