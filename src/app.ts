import 'reflect-metadata';
import { ArgumentMetadata, ForbiddenException, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queues } from './queue/queues.service.js';
import { AppModule } from './app.module.js';
import { createApiDocument, setApiPrefix } from './api-document.js';
import { AllExceptionsFilter, validationException } from './common/errors.js';
import { BodyLimitRule, jsonBodies } from './common/json-body.js';
import { securityHeadersByTransport } from './common/security-headers.js';
import type { AppConfig } from './config/env.js';
import { Authenticator } from './access/authenticator.js';
import { Action, decide } from './access/permissions.js';
import { FORBIDDEN } from './access/access.guard.js';
import { webApp } from './web/web-app.js';

const KB = 1024;
const MB = 1024 * KB;
/**
 * JSON body limits per route (the first rule that matches), so that a request
 * nobody signed in for cannot make the server read a megabyte. A whole plan is
 * posted at once (seven Phụ lục of up to 200 tasks); one task with every field
 * at its maximum is about 160 KB of Vietnamese text; signing in and changing a
 * password are two or three short fields; every other form is a few KB.
 */
export const BODY_LIMITS: BodyLimitRule[] = [
  { method: 'POST', path: /^\/api\/plans\/?$/i, limit: 1 * MB },
  // confirming an imported plan: corrections to up to seven Phụ lục of rows
  { method: 'POST', path: /^\/api\/plans\/import\/[^/]+\/confirm\/?$/i, limit: 1 * MB },
  { method: 'POST', path: /^\/api\/plans\/[^/]+\/tasks\/?$/i, limit: 256 * KB },
  { method: 'PATCH', path: /^\/api\/tasks\/[^/]+\/?$/i, limit: 256 * KB },
  { path: /^\/api\/auth(\/|$)/i, limit: 8 * KB },
];
export const DEFAULT_BODY_LIMIT = 64 * KB;

/** TRUST_PROXY: a hop count ("1"), true/false, or Express's names ("loopback", an address list). */
function trustProxyValue(v: string): boolean | number | string {
  if (v === 'true' || v === 'false') return v === 'true';
  return /^\d+$/.test(v) ? Number(v) : v;
}
export const QUEUE_BOARD_PATH = '/admin/queues';
/** The API docs: the UI and its files under /api/docs, the document at /api/docs-json and /api/docs-yaml. */
const DOCS_PATHS = /^\/api\/docs(-json|-yaml)?(\/|$)/i;

/**
 * For the pages of tools mounted beside the API (the queue board, the API
 * docs): the same sign-in as the API, by token or by the page's cookie, and,
 * given an action, the same matrix. Refusals answer in the one error shape.
 */
function signedIn(app: NestExpressApplication, action?: Action) {
  const requestAuth = app.get(Authenticator);
  const errors = new AllExceptionsFilter();
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      // a tool's own script cannot send our anti-forgery header: its posts must come from our own origin
      const { actor } = await requestAuth.identify(req, res, { csrf: 'same-origin' });
      if (action && decide(actor, action) !== 'allow') throw new ForbiddenException(FORBIDDEN);
      next();
    } catch (e) {
      const body = errors.toApiError(e);
      res.status(body.statusCode).json(body);
    }
  };
}

/** Bull Board, for administrators only: the same sign-in and matrix as the API ('queues.admin'). */
function mountQueueBoard(app: NestExpressApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: app.get(Queues).all().map((q) => new BullMQAdapter(q)), serverAdapter });
  app.use(QUEUE_BOARD_PATH, signedIn(app, 'queues.admin'));
  app.use(QUEUE_BOARD_PATH, serverAdapter.getRouter());
}

/**
 * Security headers (HSTS and upgrade-insecure-requests only over HTTPS: see
 * common/security-headers.ts). The web app (web/, built into dist/web) has no
 * inline script or style: only its own files; the API docs and the queue board
 * bring inline scripts of their own.
 */
function securityHeaders(app: NestExpressApplication): void {
  const strict = securityHeadersByTransport({
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    fontSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
  });
  const tools = securityHeadersByTransport({
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-inline'"],
    styleSrc: ["'self'", "'unsafe-inline'", 'https:'],
    imgSrc: ["'self'", 'data:', 'https:'],
    frameAncestors: ["'none'"],
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/api/docs') || req.path.startsWith(QUEUE_BOARD_PATH) ? tools : strict)(req, res, next));
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
  if (config.env.TRUST_PROXY) app.set('trust proxy', trustProxyValue(config.env.TRUST_PROXY));
  securityHeaders(app);
  // checked as bytes before parsing: size per route, UTF-8, nesting, entries (common/json-body.ts)
  app.use(jsonBodies({ rules: BODY_LIMITS, defaultLimit: DEFAULT_BODY_LIMIT }));
  app.use(cookieParser());
  // A plan's detail is tens of KB of repetitive JSON; commune offices are on slow links.
  app.use(compression());
  setApiPrefix(app);
  // the page for "/" and every view's address, and its hashed files (web/web-app.ts)
  app.use(webApp());
  // Nest answers unknown routes only under the prefix; everything else outside it is ours to refuse.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/api' || req.path.startsWith('/api/') || req.path.startsWith(QUEUE_BOARD_PATH)) return next();
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
  // the docs describe every route: for signed-in accounts, whatever their role
  const docsGate = signedIn(app);
  app.use((req: Request, res: Response, next: NextFunction) => (DOCS_PATHS.test(req.path) ? docsGate(req, res, next) : next()));
  app.enableShutdownHooks();

  // the same document `npm run api:types` writes to web/src/api/openapi.json (src/api-document.ts)
  SwaggerModule.setup('api/docs', app, () => createApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
