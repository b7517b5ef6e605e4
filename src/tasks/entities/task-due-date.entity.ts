import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Task } from './task.entity.js';

/**
 * One due date of a task and whether it was met. A task with no usable date
 * still has one row, with dueOn null, so that "done" is always a property of
 * these rows and the progress query needs no special case.
 */
@Entity('task_due_date')
@Index('ix_task_due_date_task_due', ['taskId', 'dueOn'])
// the reminder sweep's read: open due dates up to a date (TasksRepository.openDueDates)
@Index('ix_task_due_date_open_due', ['completedOn', 'dueOn', 'taskId'])
export class TaskDueDate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'task_id', type: 'integer' })
  taskId: number;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  /** Local date (Asia/Ho_Chi_Minh), YYYY-MM-DD. */
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  label: string | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  /** Free text, usually the document that proves it: "Kế hoạch số 13/KH-UBND ngày 28/02/2023". */
  @Column({ type: 'text', nullable: true })
  evidence: string | null;
}
