import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Task } from './task.entity.js';

/** A progress note (ghi chú tiến độ) by the lead official, a coordinator or the chairman. */
@Entity('task_note')
export class TaskNote {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'task_id', type: 'integer' })
  taskId: number;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @Column({ name: 'author_user_id', type: 'integer' })
  authorUserId: number;

  @Column({ name: 'author_name', type: 'varchar', length: 255 })
  authorName: string;

  @Column({ type: 'text' })
  text: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
