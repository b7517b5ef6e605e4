import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { PlanBookService } from '../progress/plan-book.service.js';
import type { PlanExportData } from './export/plan-export-data.js';
import { renderPlanDocx } from './export/plan-docx.js';
import { renderPlanXlsx } from './export/plan-xlsx.js';

/** GET /api/plans/:id.docx and .xlsx: the plan as the files communes keep. */
@Injectable()
export class PlanExportsService {
  constructor(
    private readonly tx: Transactions,
    private readonly book: PlanBookService,
    private readonly organization: OrganizationRepository,
  ) {}

  async data(planId: number): Promise<PlanExportData> {
    const plan = await this.book.get(planId);
    const [unit, officials] = await this.tx.read((em) => Promise.all([
      this.organization.unit(plan.unitId, em), this.organization.officialsOf(plan.unitId, {}, em),
    ]));
    const names = new Map(officials.map((o) => [o.id, o.fullName]));
    return {
      unitName: unit?.name ?? '',
      number: plan.number, title: plan.title, year: plan.year, issuedOn: plan.issuedOn, decision: plan.decision,
      phuLucs: plan.phuLucs.map((p) => ({
        number: p.number, title: p.title, heading: p.heading,
        tasks: p.tasks.map((t) => ({
          ordinal: t.ordinal, content: t.content, products: t.products, leadText: t.leadText, coordinatorsText: t.coordinatorsText,
          deadlineText: t.deadlineText, status: t.status, assigneeName: t.assigneeId ? names.get(t.assigneeId) ?? null : null,
          dueDates: t.dueDates,
        })),
      })),
    };
  }

  async docx(planId: number): Promise<{ name: string; body: Buffer }> {
    const data = await this.data(planId);
    return { name: fileName(data, 'docx'), body: await renderPlanDocx(data) };
  }

  async xlsx(planId: number): Promise<{ name: string; body: Buffer }> {
    const data = await this.data(planId);
    return { name: fileName(data, 'xlsx'), body: await renderPlanXlsx(data) };
  }
}

function fileName(data: PlanExportData, ext: string): string {
  return `ke-hoach-${data.number.normalize("NFD").replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${data.year}.${ext}`;
}
