import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Invalid, NotFound } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { expectedVersion, updateVersioned } from '../database/versioned-update.js';
import { CreateOfficialDto, UpdateOfficialDto } from './dto/official.dto.js';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.dto.js';
import { Official } from './entities/official.entity.js';
import { Unit } from './entities/unit.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service.js';
import { Actor, inScope, scopeOf } from '../auth/actor.js';
import { audit, diff } from '../audit/audit.js';

const UNIT_FIELDS = ['name', 'parentId', 'reportCutoff', 'reminderOffsets', 'reminderTime', 'overdueEveryDays'] as const;
const OFFICIAL_FIELDS = ['unitId', 'fullName', 'position', 'role', 'email', 'active', 'reminderMode'] as const;

/** Units (đơn vị) and the officials who work in them. */
@Injectable()
export class OrganizationService {
  constructor(private readonly db: DataSource, private readonly tx: Transactions, private readonly reminders: ReminderScheduler) {}

  /** The units the caller may see. */
  listUnits(actor: Actor): Promise<Unit[]> {
    const scope = scopeOf(actor);
    return this.db.getRepository(Unit).find({ where: scope ? { id: In(scope) } : {}, order: { id: 'ASC' } });
  }

  async getUnit(id: number, em: EntityManager = this.db.manager): Promise<Unit> {
    const unit = await em.findOneBy(Unit, { id });
    if (!unit) throw new NotFound('đơn vị', id);
    return unit;
  }

  createUnit(actor: Actor, dto: CreateUnitDto): Promise<Unit> {
    return this.tx.run(async (em) => {
      if (dto.parentId) await this.getUnitAs(em, dto.parentId, 'parentId');
      const unit = await em.save(Unit, em.create(Unit, { name: dto.name, parentId: dto.parentId ?? null, reportCutoff: dto.reportCutoff ?? 'ministry' }));
      await audit(em, actor, { unitId: unit.id, entity: 'unit', entityId: unit.id, action: 'created', changes: diff(null, unit, UNIT_FIELDS) });
      return unit;
    });
  }

  async updateUnit(actor: Actor, id: number, dto: UpdateUnitDto): Promise<Unit> {
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
      const changes = diff(unit, { ...unit, ...patch }, UNIT_FIELDS);
      if (!Object.keys(changes).length) return unit;
      await updateVersioned(em, Unit, id, version, patch);
      await audit(em, actor, { unitId: id, entity: 'unit', entityId: id, action: 'updated', changes });
      return this.getUnit(id, em);
    });
    if (dto.reminderOffsets !== undefined || dto.reminderTime || dto.overdueEveryDays) {
      const plans = await this.db.getRepository(Plan).findBy({ unitId: id, status: 'issued' });
      for (const plan of plans) await this.reminders.syncPlan(plan.id);
    }
    return unit;
  }

  /** The officials of the caller's units, or of one of them. */
  async listOfficials(actor: Actor, unitId?: number): Promise<Official[]> {
    if (unitId && !inScope(actor, unitId)) throw new NotFound('đơn vị', unitId);
    if (unitId) await this.getUnit(unitId);
    const scope = scopeOf(actor);
    const where = unitId ? { unitId } : scope ? { unitId: In(scope) } : {};
    return this.db.getRepository(Official).find({ where, order: { unitId: 'ASC', id: 'ASC' } });
  }

  async getOfficial(id: number, em: EntityManager = this.db.manager): Promise<Official> {
    const official = await em.findOneBy(Official, { id });
    if (!official) throw new NotFound('cán bộ, công chức', id);
    return official;
  }

  createOfficial(actor: Actor, dto: CreateOfficialDto): Promise<Official> {
    return this.tx.run(async (em) => {
      if (!inScope(actor, dto.unitId)) throw new Invalid(`unitId: không có đơn vị mã ${dto.unitId}`, 'unitId');
      await this.getUnitAs(em, dto.unitId, 'unitId');
      const official = await em.save(Official, em.create(Official, {
        unitId: dto.unitId,
        fullName: dto.fullName,
        position: dto.position,
        role: dto.role ?? 'official',
        email: dto.email ?? null,
        active: dto.active ?? true,
        reminderMode: dto.reminderMode ?? 'each',
      }));
      await audit(em, actor, { unitId: official.unitId, entity: 'official', entityId: official.id, action: 'created', changes: diff(null, official, OFFICIAL_FIELDS) });
      return official;
    });
  }

  updateOfficial(actor: Actor, id: number, dto: UpdateOfficialDto): Promise<Official> {
    return this.tx.run(async (em) => {
      const official = await this.getOfficial(id, em);
      const version = expectedVersion(official, dto.version);
      const { version: _v, ...patch } = dto;
      const changes = diff(official, { ...official, ...patch }, OFFICIAL_FIELDS);
      if (!Object.keys(changes).length) return official;
      await updateVersioned(em, Official, id, version, patch);
      await audit(em, actor, { unitId: official.unitId, entity: 'official', entityId: id, action: 'updated', changes });
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
