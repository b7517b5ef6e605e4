import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { dataSourceOptions } from './data-source-options.js';
import { Transactions } from './transactions.js';

/** Opens the database and brings its schema up to date before anything uses it. */
export async function openDatabase(config: AppConfig): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(config.database, { logSql: !!config.env.LOG_SQL }));
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length) new Logger('Database').log(`Đã áp dụng ${applied.length} migration: ${applied.map((m) => m.name).join(', ')}`);
  return dataSource;
}

@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Global()
@Module({
  providers: [
    { provide: DataSource, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openDatabase(config) },
    Transactions,
    DatabaseCloser,
  ],
  exports: [DataSource, Transactions],
})
export class DatabaseModule {}
