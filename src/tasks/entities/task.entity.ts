import {
  Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, Unique,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { VersionedRecord } from '../../database/versioned-record.js';
import { Official } from '../../organization/entities/official.entity.js';
import { PhuLuc } from '../../plans/entities/phu-luc.entity.js';
import { Plan } from '../../plans/entities/plan.entity.js';
import type { ScheduleItem, ScheduleKind } from '../../deadlines/parse-deadline.js';

import type { TaskStatus } from '../task-state.js';

export { TASK_STATUSES, type TaskStatus } from '../task-state.js';

/** What the deadline parser said beyond the due dates themselves. */
export interface StoredSchedule {
  items: ScheduleItem[];
  notes: string[];
}

/** Nhiệm vụ: one row of a Phụ lục table, its texts kept exactly as the plan writes them. */
@Entity('task')
@Unique('uq_task_phu_luc_ordinal', ['phuLucId', 'ordinal'])
export class Task extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'plan_id', type: 'integer' })
  planId: number;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ name: 'phu_luc_id', type: 'integer' })
  phuLucId: number;

  @ManyToOne(() => PhuLuc, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'phu_luc_id' })
  phuLuc?: Relation<PhuLuc>;

  /** TT: the row number within its Phụ lục. */
  @Column({ type: 'integer' })
  ordinal: number;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'json' })
  products: string[];

  @Column({ name: 'lead_text', type: 'text', default: '' })
  leadText: string;

  @Column({ name: 'coordinators_text', type: 'text', default: '' })
  coordinatorsText: string;

  @Column({ name: 'deadline_text', type: 'text', default: '' })
  deadlineText: string;

  @Column({ name: 'schedule_kind', type: 'varchar', length: 16 })
  scheduleKind: ScheduleKind;

  @Column({ name: 'needs_review', type: 'boolean', default: false })
  needsReview: boolean;

  @Column({ name: 'schedule', type: 'json' })
  schedule: StoredSchedule;

  @Index()
  @Column({ name: 'assignee_id', type: 'integer', nullable: true })
  assigneeId: number | null;

  @ManyToOne(() => Official, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: Relation<Official> | null;

  @ManyToMany(() => Official)
  @JoinTable({
    name: 'task_coordinator',
    joinColumn: { name: 'task_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'official_id', referencedColumnName: 'id' },
  })
  coordinators?: Relation<Official[]>;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: TaskStatus;

}
