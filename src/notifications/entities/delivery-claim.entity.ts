import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The claim that makes a message go out once: its key (for a reminder: task,
 * due date, kind, day) is unique, so a retried or re-run job finds it already claimed.
 * notifiedAt is set in the same transaction as the in-app notifications;
 * mailedAt once the SMTP server accepted the mail.
 */
@Entity('reminder_delivery')
@Unique('uq_reminder_delivery_key', ['key'])
export class DeliveryClaim {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  key: string;

  @Column({ name: 'task_id', type: 'integer', nullable: true })
  taskId: number | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @CreateDateColumn({ name: 'claimed_at' })
  claimedAt: Date;

  @Column({ name: 'notified_at', type: Date, nullable: true })
  notifiedAt: Date | null;

  @Column({ name: 'mailed_at', type: Date, nullable: true })
  mailedAt: Date | null;
}
