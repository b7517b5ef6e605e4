import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/**
 * Where stored files (evidence) live, behind one interface: a folder of the
 * data directory (disk), or the database (so that several servers behind one
 * load balancer share them). Keys are made by the caller, unique, and safe as
 * file names ([a-z0-9-]).
 */
export interface FileStore {
  readonly kind: 'disk' | 'database';
  /**
   * Keeps the file at `sourcePath` (a temporary upload) under `key`. The
   * database store writes in `em`'s transaction, so a rolled-back upload
   * leaves nothing; the disk store writes at once and the caller removes the
   * file if its transaction fails.
   */
  put(key: string, sourcePath: string, em?: EntityManager): Promise<void>;
  /** The file's bytes as a stream; null when it is gone. */
  open(key: string): Promise<Readable | null>;
  /** Which of these keys the store holds (a file may be gone from a folder someone cleaned by hand). */
  has(keys: string[]): Promise<Set<string>>;
  /** Removes the file (in `em`'s transaction for the database store); no error when it is already gone. */
  remove(key: string, em?: EntityManager): Promise<void>;
}

export const FILE_STORE = Symbol('FILE_STORE');

/** A key is a file name on disk: nothing that climbs out of the folder. */
export function isSafeKey(key: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,127}$/.test(key);
}
