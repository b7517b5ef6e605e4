import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/env.js';
import { DemoService } from './demo/demo.service.js';

/** `npm run demo:load`: puts the Hoằng Tiến 2023 plan into an empty database. */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, DEMO_PLAN: 'off' }, { signsTokens: false });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const result = await app.get(DemoService).loadIfEmpty();
    console.log(result.loaded
      ? `Đã nạp kế hoạch Hoằng Tiến 2023 (mã ${result.planId}): ${result.tasks} nhiệm vụ, ${result.assigned} đã giao người chủ trì.`
      : result.reason);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
