import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Invalid, NotFound } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { expectedVersion, updateVersioned } from '../database/versioned-update.js';
import { CreateOfficialDto, UpdateOfficialDto } from './dto/official.dto.js';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto.js';
import { Official } from './entities/official.entity.js';
import { Unit } from './entities/unit.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service.js';

/** Units (đơn vị) and the officials who work in them. */
@Injectable()
export class OrganizationService {
  constructor(private readonly db: DataSource, private readonly tx: Transactions, private readonly reminders: ReminderScheduler) {}

  listUnits(): Promise<Unit[]> {
    return this.db.getRepository(Unit).find({ order: { id: 'ASC' } });
  }

  async getUnit(id: number, em: EntityManager = this.db.manager): Promise<Unit> {
    const unit = await em.findOneBy(Unit, { id });
    if (!unit) throw new NotFound('đơn vị', id);
    return unit;
  }

  createUnit(dto: CreateUnitDto): Promise<Unit> {
    return this.tx.run(async (em) => {
      if (dto.parentId) await this.getUnitAs(em, dto.parentId, 'parentId');
      return em.save(Unit, em.create(Unit, { name: dto.name, parentId: dto.parentId ?? null, reportCutoff: dto.reportCutoff ?? 'ministry' }));
    });
  }

  async updateUnit(id: number, dto: UpdateUnitDto): Promise<Unit> {
    const unit = await this.tx.run(async (em) => {
      const unit = await this.getUnit(id, em);
      const version = expectedVersion(unit, dto.version);
      if (dto.parentId) {
        await this.getUnitAs(em, dto.parentId, 'parentId');
        if (await this.isSelfOrBelow(em, dto.parentId, id)) {
          throw new Invalid('parentId: đơn vị cấp trên không thể là chính nó hoặc đơn vị cấp dưới của nó', 'parentId');
        }
      }
      const { version: _v, ...patch } = dto;
      await updateVersioned(em, Unit, id, version, patch);
      return this.getUnit(id, em);
    });
    if (dto.reminderOffsets !== undefined || dto.reminderTime || dto.overdueEveryDays) {
      const plans = await this.db.getRepository(Plan).findBy({ unitId: id, status: 'issued' });
      for (const plan of plans) await this.reminders.syncPlan(plan.id);
    }
    return unit;
  }

  async listOfficials(unitId?: number): Promise<Official[]> {
    if (unitId) await this.getUnit(unitId);
    return this.db.getRepository(Official).find({ where: unitId ? { unitId } : {}, order: { unitId: 'ASC', id: 'ASC' } });
  }

  async getOfficial(id: number, em: EntityManager = this.db.manager): Promise<Official> {
    const official = await em.findOneBy(Official, { id });
    if (!official) throw new NotFound('cán bộ, công chức', id);
    return official;
  }

  createOfficial(dto: CreateOfficialDto): Promise<Official> {
    return this.tx.run(async (em) => {
      await this.getUnitAs(em, dto.unitId, 'unitId');
      return em.save(Official, em.create(Official, {
        unitId: dto.unitId,
        fullName: dto.fullName,
        position: dto.position,
        role: dto.role ?? 'official',
        email: dto.email ?? null,
        active: dto.active ?? true,
        reminderMode: dto.reminderMode ?? 'each',
      }));
    });
  }

  updateOfficial(id: number, dto: UpdateOfficialDto): Promise<Official> {
    return this.tx.run(async (em) => {
      const official = await this.getOfficial(id, em);
      const version = expectedVersion(official, dto.version);
      const { version: _v, ...patch } = dto;
      await updateVersioned(em, Official, id, version, patch);
      return this.getOfficial(id, em);
    });
  }

  /** A referenced id that does not exist is a bad field of the request, not a missing resource. */
  private async getUnitAs(em: EntityManager, id: number, field: string): Promise<Unit> {
    const unit = await em.findOneBy(Unit, { id });
    if (!unit) throw new Invalid(`${field}: không có đơn vị mã ${id}`, field);
    return unit;
  }

  private async isSelfOrBelow(em: EntityManager, candidate: number, unitId: number): Promise<boolean> {
    let cursor: number | null = candidate;
    for (let depth = 0; cursor && depth < 50; depth++) {
      if (cursor === unitId) return true;
      cursor = (await em.findOneBy(Unit, { id: cursor }))?.parentId ?? null;
    }
    return false;
  }
}
