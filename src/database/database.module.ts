import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import { secretsKeyOf, type AppConfig } from '../config/env.js';
import { blobIsByteaOnPostgres, dataSourceOptions } from './data-source-options.js';
import { useSecretsKey } from './secrets-key.js';
import { Transactions } from './transactions.js';

type Entities = Parameters<typeof dataSourceOptions>[1];

/** Opens the database and brings its schema up to date before anything uses it. */
export async function openDatabase(config: AppConfig, entities: Entities): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(config.database, entities, { logSql: !!config.env.LOG_SQL }));
  blobIsByteaOnPostgres(dataSource);
  await dataSource.initialize();
  useSecretsKey(dataSource, () => secretsKeyOf(config));
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

/** The database, global like the configuration: every feature's repository needs it. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: Entities): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DataSource, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openDatabase(config, entities) },
        Transactions,
        DatabaseCloser,
      ],
      exports: [DataSource, Transactions],
    };
  }
}
