import 'reflect-metadata';
import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { RemindersQueue } from './queue/queue.module.js';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter, validationException } from './common/errors.js';
import type { AppConfig } from './config/env.js';

export const BODY_LIMIT = '1mb';
export const QUEUE_BOARD_PATH = '/admin/queues';

/** Bull Board for administrators (it goes behind authentication once accounts exist). */
function mountQueueBoard(app: NestExpressApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: [new BullMQAdapter(app.get(RemindersQueue).queue)], serverAdapter });
  app.use(QUEUE_BOARD_PATH, serverAdapter.getRouter());
}

/**
 * Leaves path parameters as the text that came in, so IdParam can refuse
 * "0x1" or "1e0" instead of seeing the number ValidationPipe made of them.
 */
class AppValidationPipe extends ValidationPipe {
  protected transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }
}

/**
 * Builds the HTTP application with everything that makes it this product's API:
 * the /api prefix, validation, the one error shape, OpenAPI docs. Used by
 * main.ts and by the e2e tests alike, so the tests exercise what users run.
 */
export async function createApp(config: AppConfig, opts: { logger?: false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    ...(opts.logger === false ? { logger: false } : {}),
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // A plan's detail is tens of KB of repetitive JSON; commune offices are on slow links.
  app.use(compression());
  app.setGlobalPrefix('api', { exclude: ['/'] });
  // Nest answers unknown routes only under the prefix; everything else outside it is ours to refuse.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/' || req.path === '/api' || req.path.startsWith('/api/') || req.path.startsWith(QUEUE_BOARD_PATH)) return next();
    res.status(404).json({ statusCode: 404, error: 'Not Found', message: 'Không tìm thấy đường dẫn này' });
  });
  app.useGlobalPipes(
    new AppValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: validationException,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  mountQueueBoard(app);
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('CCHC — theo dõi kế hoạch cải cách hành chính')
    .setDescription('API của kế hoạch CCHC cấp xã: Phụ lục 01–07, nhiệm vụ, giao việc, hoàn thành, tiến độ.')
    .setVersion('1')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
