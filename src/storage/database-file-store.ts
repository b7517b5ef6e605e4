import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DataSource, EntityManager, In } from 'typeorm';
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

  async has(keys: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.db.manager.find(FileBlob, { select: { key: true }, where: { key: In(keys.slice(i, i + 500)) } });
      for (const r of rows) out.add(r.key);
    }
    return out;
  }

  async remove(key: string, em: EntityManager = this.db.manager): Promise<void> {
    await em.delete(FileBlob, { key });
  }
}
