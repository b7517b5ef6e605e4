import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app message to one official: a reminder, or the chairman's copy of an overdue one. */
@Entity('notification')
@Index('ix_notification_official_read', ['officialId', 'readAt'])
export class Notification {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'official_id', type: 'integer' })
  officialId: number;

  @Column({ name: 'task_id', type: 'integer', nullable: true })
  taskId: number | null;

  /** 'before-7', 'due', 'overdue-2', … */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'read_at', type: Date, nullable: true })
  readAt: Date | null;
}
