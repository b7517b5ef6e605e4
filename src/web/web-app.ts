import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { isViewPath } from '../common/web-paths.js';

/**
 * Where `npm run build` (scripts/build-web.mjs) writes the web app: the same
 * folder from src/web (tests, `npm start` through tsx) and from dist/web.
 */
export const WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));
export const ASSETS_PATH = '/assets';

interface Page {
  html: string;
  etag: string;
}

function readPage(dir: string): Page {
  const file = `${dir}index.html`;
  if (!existsSync(file)) {
    throw new Error(`The web app is not built: ${file} is missing. Run "npm run build".`);
  }
  const html = readFileSync(file, 'utf8');
  return { html, etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` };
}

/**
 * Serves the web app: its files under /assets, named by their content's hash
 * and cached for a year as immutable; and its one HTML page, for "/" and
 * every view's address (common/web-paths.ts), never cached without asking
 * again (no-cache with an ETag), so a new build reaches every browser at once.
 */
export function webApp(dir = WEB_DIR): RequestHandler {
  const page = readPage(dir);
  const assets = express.static(`${dir}assets`, {
    immutable: true,
    maxAge: '365d',
    index: false,
    redirect: false,
    fallthrough: true,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith(`${ASSETS_PATH}/`)) {
      req.url = req.url.slice(ASSETS_PATH.length);
      return assets(req, res, () => {
        res.status(404).json({ statusCode: 404, error: 'Not Found', message: 'Không tìm thấy tệp này' });
      });
    }
    if (!isViewPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', page.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    const seen = req.headers['if-none-match'];
    if (seen && seen.split(/\s*,\s*/).some((t) => t.replace(/^W\//, '') === page.etag)) {
      res.status(304).end();
      return;
    }
    res.type('html').send(page.html);
  };
}
