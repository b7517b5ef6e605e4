import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { Task } from '../../tasks/entities/task.entity.js';

/**
 * An evidence file (tài liệu kiểm chứng) attached to a task's completion,
 * optionally to one of its due dates. The bytes are in the file store
 * (FILE_STORAGE) under `storageKey`; the row says what they are.
 */
@Entity('evidence_file')
@Unique('uq_evidence_file_key', ['storageKey'])
@Index('ix_evidence_file_task', ['taskId'])
@Index('ix_evidence_file_plan', ['planId'])
export class EvidenceFile {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'task_id', type: 'integer' })
  taskId: number;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @Column({ name: 'plan_id', type: 'integer' })
  planId: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  /** The due date the file proves; null: the task as a whole. */
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  /** The name it is served under (safe, with the extension of its real type). */
  @Column({ type: 'varchar', length: 255 })
  name: string;

  /** The type its content shows. */
  @Column({ type: 'varchar', length: 127 })
  mime: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** Where the bytes are: disk or database (the store that took them). */
  @Column({ type: 'varchar', length: 16 })
  storage: 'disk' | 'database';

  @Column({ name: 'storage_key', type: 'varchar', length: 128 })
  storageKey: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 255 })
  uploadedBy: string;

  @Column({ name: 'uploaded_by_user_id', type: 'integer', nullable: true })
  uploadedByUserId: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
