import { CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * The columns every record people edit carries: when it was made and last
 * changed, and the version that optimistic locking (versioned-update.ts) checks.
 * Entities extend it; it has no table of its own.
 */
export abstract class VersionedRecord {
  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
