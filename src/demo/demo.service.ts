import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { EntityManager } from 'typeorm';
import { SYSTEM } from '../access/actor.js';
import type { Role } from '../access/roles.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { validationErrors } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { Transactions } from '../database/transactions.js';
import type { OfficialRole } from '../organization/entities/official.entity.js';
import type { ReportCutoff } from '../organization/entities/unit.entity.js';
import { OrganizationRepository } from '../organization/organization.repository.js';
import { OrganizationService } from '../organization/organization.service.js';
import { CreatePlanDto } from '../progress/dto/plan-book.dto.js';
import { PlanBookService } from '../progress/plan-book.service.js';

/** The shape of src/demo/hoang-tien-2023.json. */
export interface PlanFile {
  unit: { name: string; parentName?: string; reportCutoff?: ReportCutoff };
  officials: { fullName: string; position: string; role: OfficialRole; email?: string; account?: DemoAccount }[];
  /** An account of the superior level (parentName), read-only over the commune. */
  superiorViewer?: DemoAccount;
  /** The password of every demo account, listed in the README: a demo, not an install. */
  demoPassword?: string;
  plan: Omit<CreatePlanDto, 'unitId' | 'phuLucs'>;
  phuLucs: CreatePlanDto['phuLucs'];
}

export interface DemoAccount { username: string; role: Role }

export const DEMO_PLAN_FILE = new URL('./hoang-tien-2023.json', import.meta.url);

export function readPlanFile(url: URL = DEMO_PLAN_FILE): PlanFile {
  return JSON.parse(readFileSync(url, 'utf8')) as PlanFile;
}

export type LoadResult =
  | { loaded: true; unitId: number; planId: number; tasks: number; assigned: number }
  | { loaded: false; reason: string };

/**
 * Loads the Hoằng Tiến 2023 plan (unit, officials, all seven Phụ lục) into an
 * empty database, so a new user sees a real plan at once. The plan goes through
 * the same validation and the same code as POST /api/plans.
 */
@Injectable()
export class DemoService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: Transactions,
    private readonly plans: PlanBookService,
    private readonly organization: OrganizationService,
    private readonly units: OrganizationRepository,
    private readonly users: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.env.DEMO_PLAN !== 'auto') return;
    const result = await this.loadIfEmpty();
    if (result.loaded) {
      this.logger.log(`Đã nạp kế hoạch mẫu Hoằng Tiến 2023: ${result.tasks} nhiệm vụ, ${result.assigned} đã giao người chủ trì`);
    }
  }

  async loadIfEmpty(file: PlanFile = readPlanFile()): Promise<LoadResult> {
    // the plan's reminders are scheduled once this commits (the plan's and tasks' events)
    return this.tx.run(async (em) => {
      if ((await this.units.allUnits(em)).length) return { loaded: false, reason: 'Cơ sở dữ liệu đã có dữ liệu, không nạp kế hoạch mẫu' };
      return this.load(em, file);
    });
  }

  private async load(em: EntityManager, file: PlanFile): Promise<LoadResult> {
    const parent = file.unit.parentName ? await this.organization.addUnit(em, SYSTEM, { name: file.unit.parentName }) : null;
    const unit = await this.organization.addUnit(em, SYSTEM, {
      name: file.unit.name,
      ...(parent ? { parentId: parent.id } : {}),
      reportCutoff: file.unit.reportCutoff ?? 'ministry',
    });
    const password = file.demoPassword ?? '';
    for (const { account, ...o } of file.officials) {
      const official = await this.organization.addOfficial(em, SYSTEM, { ...o, unitId: unit.id, active: true });
      if (account) await this.users.createIn(SYSTEM, { ...account, password, unitId: unit.id, officialId: official.id }, em);
    }
    if (file.superiorViewer && parent) {
      await this.users.createIn(SYSTEM, { ...file.superiorViewer, password, unitId: parent.id, officialId: null }, em);
    }
    const dto = plainToInstance(CreatePlanDto, { ...file.plan, unitId: unit.id, phuLucs: file.phuLucs });
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      throw new Error(`Tệp kế hoạch không hợp lệ: ${validationErrors(errors).map((e) => e.message).join('; ')}`);
    }
    const plan = await this.plans.createIn(em, SYSTEM, dto);
    const tasks = plan.phuLucs.flatMap((p) => p.tasks);
    return { loaded: true, unitId: unit.id, planId: plan.id, tasks: tasks.length, assigned: tasks.filter((t) => t.assigneeId).length };
  }
}
