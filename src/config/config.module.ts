import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './env.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Makes the configuration validated at start-up injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
