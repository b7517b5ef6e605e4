import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, inScope } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { Invalid, NotFound, validationErrors } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { Transactions } from '../database/transactions.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { CreatePlanDto } from '../progress/dto/plan-book.dto.js';
import { PlanBookService } from '../progress/plan-book.service.js';
import { convertDocToDocx } from './doc-converter.js';
import { PlanFileError } from './plan-file-error.js';
import { PlanImportsRepository } from './plan-imports.repository.js';
import type { ParsedPlan } from './plan-tables.js';
import { buildPreview, HeaderCorrection, PlanPreview, RowCorrection } from './preview.js';
import { readPlanFile } from './read-plan-file.js';

export interface UploadedPlanFile { bytes: Uint8Array; fileName: string }

export interface ImportAnswer {
  saved: boolean;
  token: string | null;
  expiresAt: string | null;
  planId: number | null;
  fileName: string;
  preview: PlanPreview;
}

/** Multer reads file names as Latin-1; browsers send UTF-8. */
export function uploadedName(raw: string): string {
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  return (utf8.includes('\uFFFD') ? raw : utf8).slice(0, 255);
}

/**
 * Plans from the files communes already have: read the file (src/plan-files'
 * pure readers), show what would be created, and save it once confirmed, in
 * one transaction through the same code as POST /api/plans.
 */
@Injectable()
export class PlanImportsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: Transactions,
    private readonly repo: PlanImportsRepository,
    private readonly organization: OrganizationRepository,
    private readonly book: PlanBookService,
  ) {}

  /** Reads a plan file into its parsed form; a file that must not or cannot be read is a 400 in Vietnamese. */
  async read(file: UploadedPlanFile): Promise<ParsedPlan> {
    const env = this.config.env;
    try {
      return await readPlanFile(file.bytes, file.fileName, {
        maxBytes: env.PLAN_IMPORT_MAX_BYTES,
        zip: { maxTotalBytes: env.PLAN_IMPORT_MAX_UNZIPPED_BYTES, maxEntries: 2000 },
        convertDoc: (bytes) => convertDocToDocx(bytes, { soffice: env.SOFFICE_PATH, timeoutMs: env.DOC_CONVERT_TIMEOUT_SECONDS * 1000 }),
      });
    } catch (e) {
      if (e instanceof PlanFileError) throw new Invalid(e.message, 'file');
      throw e;
    }
  }

  private async unitOf(actor: Actor, unitId: number | undefined): Promise<number> {
    const id = unitId ?? (actor.kind === 'user' ? actor.unitId : null);
    if (id === null || id === undefined) throw new Invalid('unitId: hãy chọn đơn vị nhận kế hoạch', 'unitId');
    if (!inScope(actor, id) || !(await this.organization.unit(id))) throw new Invalid(`unitId: không có đơn vị mã ${id}`, 'unitId');
    return id;
  }

  private async preview(unitId: number, parsed: ParsedPlan, o: { year?: number | null; corrections?: RowCorrection[]; header?: HeaderCorrection }, em?: EntityManager): Promise<PlanPreview> {
    const officials = await this.organization.officialsOf(unitId, {}, em);
    return buildPreview(parsed, { officials, ...o });
  }

  /** POST /api/plans/import: a preview kept for confirmation, or (dryRun false) the plan saved at once. */
  async upload(actor: Actor, file: UploadedPlanFile, o: { unitId?: number; year?: number; dryRun: boolean }): Promise<ImportAnswer> {
    const unitId = await this.unitOf(actor, o.unitId);
    const parsed = await this.read(file);
    if (!o.dryRun) {
      return this.tx.run(async (em) => {
        const preview = await this.preview(unitId, parsed, { year: o.year }, em);
        const planId = await this.save(em, actor, unitId, preview, file.fileName);
        return { saved: true, token: null, expiresAt: null, planId, fileName: file.fileName, preview };
      });
    }
    const preview = await this.preview(unitId, parsed, { year: o.year });
    const now = new Date();
    await this.repo.pruneExpired(now);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.env.PLAN_IMPORT_PREVIEW_MINUTES * 60_000);
    await this.repo.store({
      id: token, unitId, userId: actor.kind === 'user' ? actor.userId : null, fileName: file.fileName,
      year: o.year ?? null, parsed: JSON.stringify(parsed), createdAt: now, expiresAt,
    });
    return { saved: false, token, expiresAt: expiresAt.toISOString(), planId: null, fileName: file.fileName, preview };
  }

  /** POST /api/plans/import/:token/confirm: the kept preview, with the person's corrections, saved; the token is spent. */
  confirm(actor: Actor, token: string, o: { corrections?: RowCorrection[]; header?: HeaderCorrection }): Promise<ImportAnswer> {
    return this.tx.run(async (em) => {
      const stored = await this.repo.pending(em, token, new Date());
      if (!stored || !inScope(actor, stored.unitId)) throw new NotFound('bản xem trước nhập kế hoạch', token);
      const parsed = JSON.parse(stored.parsed) as ParsedPlan;
      const preview = await this.preview(stored.unitId, parsed, { year: stored.year, ...o }, em);
      if (!(await this.repo.take(em, token))) throw new NotFound('bản xem trước nhập kế hoạch', token);
      const planId = await this.save(em, actor, stored.unitId, preview, stored.fileName);
      return { saved: true, token: null, expiresAt: null, planId, fileName: stored.fileName, preview };
    });
  }

  /** The preview as a new draft plan, in the caller's transaction; a preview with errors saves nothing. */
  private async save(em: EntityManager, actor: Actor, unitId: number, preview: PlanPreview, fileName: string): Promise<number> {
    const errors = preview.problems.filter((p) => p.severity === 'error');
    if (errors.length) {
      throw new BadRequestException({
        message: `Tệp còn ${errors.length} lỗi cần sửa trước khi lưu: ${errors.slice(0, 3).map((p) => p.message).join(' ')}`,
        errors: errors.map((p) => ({ field: p.key ?? (p.phuLuc ? `phuLuc ${p.phuLuc}` : 'header'), message: placed(p) })),
      });
    }
    const h = preview.header;
    const dto = plainToInstance(CreatePlanDto, {
      unitId, number: h.number, title: h.title, year: h.year, decision: h.decision ?? null, status: 'draft',
      phuLucs: preview.phuLucs.map((p) => ({
        number: p.number, heading: p.heading ?? null,
        tasks: p.tasks.map((t) => ({
          ordinal: t.ordinal, content: t.content, products: t.products, leadText: t.leadText,
          coordinatorsText: t.coordinatorsText, deadlineText: t.deadlineText,
        })),
      })),
    });
    const invalid = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (invalid.length) {
      const list = validationErrors(invalid);
      throw new BadRequestException({ message: `Kế hoạch trong tệp không hợp lệ: ${list.slice(0, 3).map((e) => e.message).join('; ')}`, errors: list });
    }
    const plan = await this.book.createIn(em, actor, dto);
    await audit(em, actor, {
      unitId, entity: 'plan', entityId: plan.id, action: 'imported',
      changes: { file: { from: null, to: fileName }, tasks: { from: null, to: plan.taskCount } },
    });
    return plan.id;
  }
}

function placed(p: { message: string; table: number | null; row: number | null; column: string | null }): string {
  const where = [p.table ? `bảng ${p.table}` : null, p.row ? `dòng ${p.row}` : null, p.column ? `cột “${p.column}”` : null].filter(Boolean).join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}
