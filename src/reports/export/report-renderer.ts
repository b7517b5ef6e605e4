import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/env.js';
import { RenderPool, renderWorkerFile } from './render-pool.js';
import type { RenderKind } from './render-worker.js';

/**
 * Renders a stored report's files in worker threads (REPORT_RENDER_THREADS of
 * them): a Word file of a 1,400-task plan is over a second of CPU, which on
 * the event loop held up every other request, health checks included.
 */
@Injectable()
export class ReportRenderer implements OnApplicationShutdown {
  private readonly pool: RenderPool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new RenderPool(() => renderWorkerFile(), config.env.REPORT_RENDER_THREADS);
  }

  render(kind: RenderKind, snapshot: Uint8Array): Promise<Buffer> {
    return this.pool.render(kind, snapshot);
  }

  onApplicationShutdown(): Promise<void> {
    return this.pool.close();
  }
}
