import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore, isSafeKey } from './file-store.js';

/** Files in a folder of the data directory (DATA_DIR/evidence), one file a key. */
export class DiskFileStore implements FileStore {
  readonly kind = 'disk' as const;

  constructor(private readonly dir: string) {}

  private path(key: string): string {
    if (!isSafeKey(key)) throw new Error(`file store: unsafe key ${JSON.stringify(key)}`);
    return join(this.dir, key);
  }

  async put(key: string, sourcePath: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.path(key);
    const partial = `${target}.partial`;
    // copy then rename: a reader never sees half a file (the upload may be on another file system)
    await copyFile(sourcePath, partial);
    await rename(partial, target);
  }

  async open(key: string): Promise<Readable | null> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch {
      return null;
    }
    return createReadStream(path);
  }

  async has(keys: string[]): Promise<Set<string>> {
    const held = await Promise.all(keys.map((k) => stat(this.path(k)).then((st) => st.isFile(), () => false)));
    return new Set(keys.filter((_, i) => held[i]));
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
