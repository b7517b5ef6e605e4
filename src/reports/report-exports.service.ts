import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { NotFound } from '../common/errors.js';
import { reportDocx } from './export/report-docx.js';
import { reportHtml } from './export/report-html.js';
import { reportXlsx } from './export/report-xlsx.js';
import { ReportLimits } from './report-limits.js';
import { unpackReport } from './report-snapshot.js';
import { ReportRow, ReportsRepository } from './reports.repository.js';

/**
 * A stored report as the files people file: DOCX, XLSX, printable HTML.
 * Each file counts against the person's and the unit's export limits.
 */
@Injectable()
export class ReportExports {
  constructor(private readonly repo: ReportsRepository, private readonly limits: ReportLimits) {}

  private fileName(r: ReportRow): string {
    return `bao-cao-cchc-${r.period.toLowerCase()}-${r.year}-v${r.version}`;
  }

  async file(actor: Actor, id: number, kind: 'docx' | 'xlsx' | 'html'): Promise<{ name: string; body: Buffer }> {
    const r = await this.repo.withSnapshot(id);
    if (!r) throw new NotFound('báo cáo', id);
    await this.limits.take('export', actor, r.unitId);
    const data = await unpackReport(r.snapshot);
    const body = kind === 'docx' ? await reportDocx(data) : kind === 'xlsx' ? await reportXlsx(data) : Buffer.from(reportHtml(data), 'utf8');
    return { name: this.fileName(r), body };
  }

  async html(actor: Actor, id: number): Promise<string> {
    return (await this.file(actor, id, 'html')).body.toString('utf8');
  }
}
