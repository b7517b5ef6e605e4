import { Column, Entity, Unique } from 'typeorm';
import { PrimaryGeneratedColumn } from 'typeorm';
import { VersionedRecord } from '../../database/versioned-record.js';

export type ZaloChannelStatus = 'up' | 'down';

/**
 * The Zalo Official Account reminders go through: the install's ('install')
 * or a superior unit's ('unit:<id>'). The token pair is written together and
 * versioned: a refresh token works once, so a process that refreshes stores
 * the new pair only over the version it read (zalo-tokens.service.ts).
 */
@Entity('zalo_account')
@Unique('uq_zalo_account_scope', ['scope'])
export class ZaloAccount extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  scope: string;

  /** Sealed in the database, like the refresh token (common/secret-box.ts); the repository answers them open. */
  @Column({ name: 'access_token', type: 'varchar', length: 2000, nullable: true })
  accessToken: string | null;

  @Column({ name: 'access_expires_at', type: Date, nullable: true })
  accessExpiresAt: Date | null;

  @Column({ name: 'refresh_token', type: 'varchar', length: 2000, nullable: true })
  refreshToken: string | null;

  /** down: the tokens failed (refreshed once, refused again) or the app may not send; reminders go by e-mail. */
  @Column({ type: 'varchar', length: 8, default: 'up' })
  status: ZaloChannelStatus;

  /** Why it is down, or the last problem met (a template refused), in Vietnamese. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  problem: string | null;

  @Column({ name: 'quota_daily', type: 'integer', nullable: true })
  quotaDaily: number | null;

  @Column({ name: 'quota_remaining', type: 'integer', nullable: true })
  quotaRemaining: number | null;

  @Column({ name: 'quota_checked_at', type: Date, nullable: true })
  quotaCheckedAt: Date | null;

  /** The local day the quota ran out: Zalo is not tried again that day. */
  @Column({ name: 'quota_spent_on', type: 'date', nullable: true })
  quotaSpentOn: string | null;
}
