import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/env.js';

/**
 * `node dist/worker.js`: the reminder worker in a process of its own, no HTTP
 * server. Run as many as you like against one Redis; each reminder still goes
 * out once. Stops on SIGTERM/SIGINT after the jobs in hand.
 */
async function main(): Promise<void> {
  let config;
  try {
    // the process exists to run the workers, whatever WORKER says
    config = loadConfig({ ...process.env, DEMO_PLAN: 'off', WORKER: 'inline' }, { signsTokens: false });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  new Logger('CCHC').log('Tiến trình nhắc việc đang chạy');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
