import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { VersionedRecord } from '../../database/versioned-record.js';
import type { CchcThresholds } from '../cchc-thresholds.js';

import type { ReportCutoff } from '../organization-labels.js';

// the codes live with their words in a plain module the web app bundles
export { REPORT_CUTOFFS, type ReportCutoff } from '../organization-labels.js';

/** Đơn vị: a commune People's Committee, or the superior level above it. */
@Entity('unit')
export class Unit extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Index()
  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<Unit> | null;

  @Column({ name: 'report_cutoff', type: 'varchar', length: 16, default: 'ministry' })
  reportCutoff: ReportCutoff;

  /** Days before a due date to remind; null: the default 7, 1 and 0. */
  @Column({ name: 'reminder_offsets', type: 'json', nullable: true })
  reminderOffsets: number[] | null;

  /** Local time of day reminders go out, 'HH:MM'. */
  @Column({ name: 'reminder_time', type: 'varchar', length: 5, default: '07:30' })
  reminderTime: string;

  @Column({ name: 'overdue_every_days', type: 'integer', default: 7 })
  overdueEveryDays: number;

  /** Thresholds of the CCHC index's plan criterion for the units beneath this one; null: the default (90 % / 70 %). */
  @Column({ name: 'cchc_thresholds', type: 'json', nullable: true })
  cchcThresholds: CchcThresholds | null;

  /** Day of the cut-off month the unit's periodic reports are due (reminders go out before it). */
  @Column({ name: 'report_due_day', type: 'integer', default: 18 })
  reportDueDay: number;
}
