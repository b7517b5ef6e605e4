import { Inject, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { installId } from '../database/install-id.js';

/**
 * The prefix of every Redis key of this installation: QUEUE_PREFIX, then the
 * install's id from its database. Two installs on one Redis (two `npm start`s
 * on one machine) each keep to their own keys, whatever QUEUE_PREFIX says.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  key(...parts: (string | number)[]): string {
    return [this.prefix, ...parts].join(':');
  }
}

@Injectable()
class RedisKeysFactory {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly db: DataSource) {}

  async make(): Promise<RedisKeys> {
    return new RedisKeys(`${this.config.env.QUEUE_PREFIX}:${await installId(this.db)}`);
  }
}

@Module({
  providers: [RedisKeysFactory, { provide: RedisKeys, inject: [RedisKeysFactory], useFactory: (f: RedisKeysFactory) => f.make() }],
  exports: [RedisKeys],
})
export class RedisModule {}
