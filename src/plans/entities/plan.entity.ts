import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { VersionedRecord } from '../../database/versioned-record.js';
import { Unit } from '../../organization/entities/unit.entity.js';

import type { PlanStatus } from '../plan-status.js';

export { PLAN_STATUSES, type PlanStatus } from '../plan-status.js';

/** Kế hoạch cải cách hành chính of one unit for one year. */
@Entity('plan')
@Unique('uq_plan_unit_year_number', ['unitId', 'year', 'number'])
export class Plan extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  /** As written on the document, e.g. "08/KH-UBND". */
  @Column({ type: 'varchar', length: 64 })
  number: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  /** The issuing decision as written ("Quyết định số …/QĐ-UBND ngày …"). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  decision: string | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: PlanStatus;

}
