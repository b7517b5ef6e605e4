import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { FileBlob } from './entities/file-blob.entity.js';
import { FileStore, isSafeKey } from './file-store.js';

/**
 * Files in the database (table file_blob), written in the caller's
 * transaction. A file is read whole into memory when it is served: files are
 * bounded by EVIDENCE_MAX_BYTES (20 MB by default).
 */
export class DatabaseFileStore implements FileStore {
  readonly kind = 'database' as const;

  constructor(private readonly db: DataSource) {}

  async put(key: string, sourcePath: string, em: EntityManager = this.db.manager): Promise<void> {
    if (!isSafeKey(key)) throw new Error(`file store: unsafe key ${JSON.stringify(key)}`);
    const bytes = await readFile(sourcePath);
    await em.insert(FileBlob, { key, size: bytes.length, bytes });
  }

  async open(key: string): Promise<Readable | null> {
    const row = await this.db.manager.findOne(FileBlob, { where: { key } });
    return row ? Readable.from([Buffer.from(row.bytes)]) : null;
  }

  async remove(key: string, em: EntityManager = this.db.manager): Promise<void> {
    await em.delete(FileBlob, { key });
  }
}
