import { Injectable } from '@nestjs/common';
import { reportDocx } from './export/report-docx.js';
import { reportHtml } from './export/report-html.js';
import { reportXlsx } from './export/report-xlsx.js';
import { ReportsService, StoredReport } from './reports.service.js';

/** A stored report as the files people file: DOCX, XLSX, printable HTML. */
@Injectable()
export class ReportExports {
  constructor(private readonly reports: ReportsService) {}

  private fileName(r: StoredReport): string {
    return `bao-cao-cchc-${r.period.toLowerCase()}-${r.year}-v${r.version}`;
  }

  async docx(id: number): Promise<{ name: string; body: Buffer }> {
    const r = await this.reports.get(id);
    return { name: this.fileName(r), body: await reportDocx(r.data) };
  }

  async xlsx(id: number): Promise<{ name: string; body: Buffer }> {
    const r = await this.reports.get(id);
    return { name: this.fileName(r), body: await reportXlsx(r.data) };
  }

  async html(id: number): Promise<string> {
    return reportHtml((await this.reports.get(id)).data);
  }
}
