import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';

const PAGE = new URL('./index.html', import.meta.url);

/** The single page people open in a browser; it reads everything from /api. */
@ApiExcludeController()
@Controller()
export class WebController {
  private readonly html = readFileSync(PAGE, 'utf8');

  @Get('/')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  index(): string {
    return this.html;
  }
}
