import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { Plan } from '../../plans/entities/plan.entity.js';
import type { PeriodCode, ReportData } from '../report-data.js';

/**
 * An immutable snapshot of a periodic report: its figures, lists and annex as
 * computed at `generatedAt`. Regenerating makes a new version; nothing updates
 * a row. An automatic report carries autoKey (plan, period, year), unique, so a
 * job that runs twice stores it once.
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

  @Column({ type: 'json' })
  data: ReportData;
}
