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

  /**
   * null: the message's claim (in-app and e-mail). 'zalo': the claim of one
   * Zalo message to one official, its key the message's key and '|zalo|<official>':
   * notifiedAt is set (committed) before the send, mailedAt once Zalo took it.
   */
  @Column({ type: 'varchar', length: 8, nullable: true })
  channel: string | null;

  @Column({ name: 'official_id', type: 'integer', nullable: true })
  officialId: number | null;

  /** The unit the message is for: the month's count of Zalo messages per unit. */
  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId: number | null;

  /**
   * The Zalo account a message went through (or was refused by): 'install'
   * or 'unit:<id>'; null when none was reached. The month's count per account
   * follows it, whatever account the unit uses since.
   */
  @Column({ name: 'account_scope', type: 'varchar', length: 20, nullable: true })
  accountScope: string | null;

  /** What came of a Zalo message: 'sent', or why it went by e-mail instead (Vietnamese). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  outcome: string | null;
}
