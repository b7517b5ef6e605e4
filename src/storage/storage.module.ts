import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { DatabaseFileStore } from './database-file-store.js';
import { DiskFileStore } from './disk-file-store.js';
import { FILE_STORE, type FileStore } from './file-store.js';

/** The file store FILE_STORAGE names: the data folder (default) or the database. */
@Module({
  providers: [
    {
      provide: FILE_STORE,
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: AppConfig, db: DataSource): FileStore =>
        config.env.FILE_STORAGE === 'database' ? new DatabaseFileStore(db) : new DiskFileStore(join(config.dataDir, 'evidence')),
    },
  ],
  exports: [FILE_STORE],
})
export class StorageModule {}
