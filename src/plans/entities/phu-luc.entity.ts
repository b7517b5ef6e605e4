import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { Plan } from './plan.entity.js';

/** One of the seven task tables (Phụ lục 01–07) annexed to a plan. */
@Entity('phu_luc')
@Unique('uq_phu_luc_plan_number', ['planId', 'number'])
export class PhuLuc {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'plan_id', type: 'integer' })
  planId: number;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  /** 1–7, as in "Phụ lục số 03". */
  @Column({ type: 'integer' })
  number: number;

  /** The area, e.g. "Cải cách thể chế". */
  @Column({ type: 'varchar', length: 255 })
  title: string;

  /** The table's heading as written, e.g. "Các nhiệm vụ trọng tâm về Cải cách thể chế năm 2023". */
  @Column({ type: 'varchar', length: 500, nullable: true })
  heading: string | null;
}
