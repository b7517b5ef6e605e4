import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { NotFound } from '../common/errors.js';
import { ReportRenderer } from './export/report-renderer.js';
import type { RenderKind } from './export/render-worker.js';
import { ReportLimits } from './report-limits.js';
import { ReportRow, ReportsRepository } from './reports.repository.js';

/**
 * A stored report as the files people file: DOCX, XLSX, printable HTML.
 * Each file counts against the person's and the unit's export limits, and is
 * rendered in a worker thread from the stored snapshot.
 */
@Injectable()
export class ReportExports {
  constructor(private readonly repo: ReportsRepository, private readonly limits: ReportLimits, private readonly renderer: ReportRenderer) {}

  private fileName(r: ReportRow): string {
    return `bao-cao-cchc-${r.period.toLowerCase()}-${r.year}-v${r.version}`;
  }

  async file(actor: Actor, id: number, kind: RenderKind): Promise<{ name: string; body: Buffer }> {
    const r = await this.repo.withSnapshot(id);
    if (!r) throw new NotFound('báo cáo', id);
    await this.limits.take('export', actor, r.unitId);
    return { name: this.fileName(r), body: await this.renderer.render(kind, r.snapshot) };
  }

  /** Counts a download that is not rendered (the evidence zip) against the same limits. */
  async allow(actor: Actor, id: number): Promise<void> {
    const r = await this.repo.withSnapshot(id);
    if (!r) throw new NotFound('báo cáo', id);
    await this.limits.take('export', actor, r.unitId);
  }

  async html(actor: Actor, id: number): Promise<string> {
    return (await this.file(actor, id, 'html')).body.toString('utf8');
  }
}
