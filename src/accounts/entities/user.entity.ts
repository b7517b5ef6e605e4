import { AfterInsert, AfterLoad, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { VersionedRecord } from '../../database/versioned-record.js';
import { Official } from '../../organization/entities/official.entity.js';
import { Unit } from '../../organization/entities/unit.entity.js';
import { ROLE_LABELS, type Role } from '../../access/roles.js';

/** A person's account: a username and an argon2 hash, tied to a unit and (for unit members) an official. */
@Entity('app_user')
export class User extends VersionedRecord {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stored lower-case, so "ChuTich" and "chutich" are one account. */
  @Index('uq_app_user_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash?: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Index()
  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Index('uq_app_user_official', { unique: true })
  @Column({ name: 'official_id', type: 'integer', nullable: true })
  officialId: number | null;

  @ManyToOne(() => Official, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'official_id' })
  official?: Relation<Official>;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Set when someone else chose the password (a new account, a reset): the person picks a new one at next sign-in. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Not stored: the role in words, in every answer that carries an account. */
  roleLabel?: string;

  @AfterLoad()
  @AfterInsert()
  protected labelRole(): void {
    this.roleLabel = ROLE_LABELS[this.role];
  }
}
