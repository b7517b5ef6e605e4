import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { VersionedRecord } from '../../database/versioned-record.js';
import { Unit } from './unit.entity.js';

import type { OfficialRole, ReminderMode } from '../organization-labels.js';

// the codes live with their words in a plain module the web app bundles
export { OFFICIAL_ROLES, REMINDER_MODES, type OfficialRole, type ReminderMode } from '../organization-labels.js';

/** Cán bộ, công chức of a unit, identified in plans by their position (chức danh). */
@Entity('official')
export class Official extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Column({ name: 'full_name', type: 'varchar', length: 255 })
  fullName: string;

  @Column({ type: 'varchar', length: 255 })
  position: string;

  @Column({ type: 'varchar', length: 16, default: 'official' })
  role: OfficialRole;

  @Column({ type: 'varchar', length: 255, nullable: true })
  email: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'reminder_mode', type: 'varchar', length: 8, default: 'each' })
  reminderMode: ReminderMode;

  /** Mobile number for Zalo, stored as 84 and nine digits. */
  @Column({ type: 'varchar', length: 11, nullable: true })
  phone: string | null;

  /** Reminders by e-mail (when there is an address); in-app always. */
  @Column({ name: 'notify_email', type: 'boolean', default: true })
  notifyEmail: boolean;

  /** Reminders by Zalo (when there is a number and the install has a Zalo account). */
  @Column({ name: 'notify_zalo', type: 'boolean', default: false })
  notifyZalo: boolean;
}
