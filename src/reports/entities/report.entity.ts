import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { Plan } from '../../plans/entities/plan.entity.js';
import type { PeriodCode } from '../report-data.js';

/**
 * An immutable snapshot of a periodic report: its figures, lists and annex as
 * computed at `generatedAt`. Regenerating makes a new version; nothing else
 * changes a row but deleting a draft. An automatic report carries autoKey
 * (plan, period, year), unique, so a job that runs twice stores it once.
 *
 * Automatic reports are final; manual ones are drafts the chairman may delete.
 * Deleting keeps the row without its snapshot (deletedAt set), so the plan's
 * next version never takes a deleted one's number.
 */
@Entity('report')
@Unique('uq_report_auto_key', ['autoKey'])
@Index('ix_report_plan_period', ['planId', 'year', 'period'])
export class Report {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'plan_id', type: 'integer' })
  planId: number;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ type: 'varchar', length: 8 })
  period: PeriodCode;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'date' })
  cutoff: string;

  /** auto: made by the scheduler at the cut-off; manual: asked for by a person. */
  @Column({ type: 'varchar', length: 8 })
  trigger: 'auto' | 'manual';

  @Column({ name: 'auto_key', type: 'varchar', length: 64, nullable: true })
  autoKey: string | null;

  @CreateDateColumn({ name: 'generated_at' })
  generatedAt: Date;

  @Column({ name: 'generated_by', type: 'varchar', length: 255 })
  generatedBy: string;

  /** The headline figures, read by the list of versions without opening the snapshot. */
  @Column({ type: 'varchar', length: 24 })
  ratio: string;

  @Column({ type: 'varchar', length: 16 })
  percent: string;

  @Column({ type: 'varchar', length: 255 })
  summary: string;

  /** The ReportData, compact and gzipped (report-snapshot.ts); null once the draft is deleted. bytea on PostgreSQL. */
  @Column({ type: 'blob', nullable: true })
  snapshot: Buffer | null;

  /** When the version was marked final (automatic versions: when made); null while a draft. */
  @Column({ name: 'final_at', type: Date, nullable: true })
  finalAt: Date | null;

  @Column({ name: 'finalized_by', type: 'varchar', length: 255, nullable: true })
  finalizedBy: string | null;

  /** Bumped on every edit of a draft: a client that sends the revision it read gets 409 if someone edited since. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @Column({ name: 'deleted_at', type: Date, nullable: true })
  deletedAt: Date | null;
}
