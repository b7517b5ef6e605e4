import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Task } from './task.entity.js';

export type TaskHistoryAction = 'created' | 'updated' | 'assigned' | 'completed' | 'reopened' | 'cancelled';

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** Every change to a task, written in the same transaction as the change. */
@Entity('task_history')
export class TaskHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'task_id', type: 'integer' })
  taskId: number;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @CreateDateColumn({ name: 'at' })
  at: Date;

  @Column({ type: 'varchar', length: 16 })
  action: TaskHistoryAction;

  @Column({ type: 'json' })
  changes: FieldChanges;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
