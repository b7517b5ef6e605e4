import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/env.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const app = await createApp(config);
  await app.listen(config.env.PORT);
  new Logger('CCHC').log(`Đang phục vụ tại http://localhost:${config.env.PORT} (API: /api, tài liệu: /api/docs)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
