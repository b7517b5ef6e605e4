import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { Public } from '../access/access.decorators.js';

const PAGE = new URL('./index.html', import.meta.url);
let page: string | undefined;

/** The page, read once: the copy served is the copy whose scripts the CSP hashes. */
function pageHtml(): string {
  return (page ??= readFileSync(PAGE, 'utf8'));
}

/** CSP hashes of the page's inline scripts: the page needs no 'unsafe-inline'. */
export function pageScriptHashes(html = pageHtml()): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
}

/** The single page people open in a browser; it reads everything from /api. */
@ApiExcludeController()
@Controller()
export class WebController {
  private readonly html = pageHtml();

  @Get('/')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  index(): string {
    return this.html;
  }
}
