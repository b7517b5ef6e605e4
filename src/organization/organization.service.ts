import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Invalid, NotFound } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { expectedVersion, updateVersioned } from '../database/versioned-update.js';
import { CreateOfficialDto, OfficialPageQuery, UpdateOfficialDto } from './dto/official.dto.js';
import { CreateUnitDto, UnitPageQuery, UpdateUnitDto } from './dto/unit.dto.js';
import { pageOf, textMatcher, type Page } from '../common/paging.js';
import { unitPage, type UnitRow } from './unit-rows.js';
import { Official } from './entities/official.entity.js';
import { Unit } from './entities/unit.entity.js';
import { EventBus } from '../events/event-bus.js';
import { OfficialChanged, UnitSettingsChanged } from './organization.events.js';
import { MAX_DEPTH, OrganizationRepository } from './organization.repository.js';
import { Actor, inScope, scopeOf } from '../access/actor.js';
import { audit, diff } from '../audit/audit.js';
import { cchcThresholdsProblem } from './cchc-thresholds.js';

const UNIT_FIELDS = ['name', 'parentId', 'reportCutoff', 'reminderOffsets', 'reminderTime', 'overdueEveryDays', 'cchcThresholds', 'reportDueDay'] as const;
/** What reminders and reports depend on. */
const SETTINGS_FIELDS = ['reportCutoff', 'reminderOffsets', 'reminderTime', 'overdueEveryDays'] as const;
const OFFICIAL_FIELDS = ['unitId', 'fullName', 'position', 'role', 'email', 'active', 'reminderMode', 'phone', 'notifyEmail', 'notifyZalo'] as const;

/** Units (đơn vị) and the officials who work in them. */
@Injectable()
export class OrganizationService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly repo: OrganizationRepository,
  ) {}

  /** The units the caller may see. */
  listUnits(actor: Actor): Promise<Unit[]> {
    const scope = scopeOf(actor);
    return this.db.getRepository(Unit).find({ where: scope ? { id: In(scope) } : {}, order: { id: 'ASC' } });
  }

  /** One page of the units in scope, searched and sorted (unit-rows.ts). */
  async unitPage(actor: Actor, q: UnitPageQuery): Promise<Page<UnitRow<Unit>>> {
    return unitPage(await this.listUnits(actor), q);
  }

  async getUnit(id: number, em: EntityManager = this.db.manager): Promise<Unit> {
    const unit = await em.findOneBy(Unit, { id });
    if (!unit) throw new NotFound('đơn vị', id);
    return unit;
  }

  createUnit(actor: Actor, dto: CreateUnitDto): Promise<Unit> {
    return this.tx.run((em) => this.addUnit(em, actor, dto));
  }

  /** A new unit, in the caller's transaction (the demo loader too). */
  async addUnit(em: EntityManager, actor: Actor, dto: CreateUnitDto): Promise<Unit> {
    if (dto.parentId) {
      await this.getUnitAs(em, dto.parentId, 'parentId');
      // no unit's id is 0: true only when the chain above the parent is already as deep as allowed
      if (await this.repo.isSelfOrBelow(em, dto.parentId, 0)) throw new Invalid(`parentId: cây đơn vị không được sâu quá ${MAX_DEPTH} tầng`, 'parentId');
    }
    const unit = await em.save(Unit, em.create(Unit, { name: dto.name, parentId: dto.parentId ?? null, reportCutoff: dto.reportCutoff ?? 'ministry' }));
    await audit(em, actor, { unitId: unit.id, entity: 'unit', entityId: unit.id, action: 'created', changes: diff(null, unit, UNIT_FIELDS) });
    return unit;
  }

  updateUnit(actor: Actor, id: number, dto: UpdateUnitDto): Promise<Unit> {
    return this.tx.run(async (em) => {
      const unit = await this.getUnit(id, em);
      const version = expectedVersion(unit, dto.version);
      if (dto.parentId) {
        await this.getUnitAs(em, dto.parentId, 'parentId');
        if (await this.repo.isSelfOrBelow(em, dto.parentId, id)) {
          throw new Invalid('parentId: đơn vị cấp trên không thể là chính nó hoặc đơn vị cấp dưới của nó (kể cả cấp dưới nhiều tầng)', 'parentId');
        }
      }
      if (dto.cchcThresholds) {
        const problem = cchcThresholdsProblem(dto.cchcThresholds);
        if (problem) throw new Invalid(problem, 'cchcThresholds');
      }
      const { version: _v, ...rest } = dto;
      // a plain object for the json column (the DTO is a class instance)
      const patch = rest.cchcThresholds ? { ...rest, cchcThresholds: { ...rest.cchcThresholds } } : rest;
      const changes = diff(unit, { ...unit, ...patch }, UNIT_FIELDS);
      if (!Object.keys(changes).length) return unit;
      await updateVersioned(em, Unit, id, version, patch);
      await audit(em, actor, { unitId: id, entity: 'unit', entityId: id, action: 'updated', changes });
      const settings = Object.keys(changes).filter((f) => (SETTINGS_FIELDS as readonly string[]).includes(f));
      if (settings.length) this.events.publish(em, new UnitSettingsChanged(id, settings));
      return this.getUnit(id, em);
    });
  }

  /** The officials of the caller's units, or of one of them. */
  async listOfficials(actor: Actor, unitId?: number): Promise<Official[]> {
    if (unitId && !inScope(actor, unitId)) throw new NotFound('đơn vị', unitId);
    if (unitId) await this.getUnit(unitId);
    const scope = scopeOf(actor);
    const where = unitId ? { unitId } : scope ? { unitId: In(scope) } : {};
    return this.db.getRepository(Official).find({ where, order: { unitId: 'ASC', id: 'ASC' } });
  }

  /** One page of the officials in scope (or of one unit), as they were added, searched on the server. */
  async officialPage(actor: Actor, q: OfficialPageQuery): Promise<Page<Official>> {
    const rows = (await this.listOfficials(actor, q.unitId))
      .filter((o) => q.active === undefined || o.active === q.active)
      .filter(textMatcher(q.q, (o: Official) => [o.fullName, o.position, o.email, o.phone]));
    return pageOf(rows, q);
  }

  async getOfficial(id: number, em: EntityManager = this.db.manager): Promise<Official> {
    const official = await em.findOneBy(Official, { id });
    if (!official) throw new NotFound('cán bộ, công chức', id);
    return official;
  }

  createOfficial(actor: Actor, dto: CreateOfficialDto): Promise<Official> {
    return this.tx.run((em) => this.addOfficial(em, actor, dto));
  }

  /** A new official, in the caller's transaction (the demo loader too). */
  async addOfficial(em: EntityManager, actor: Actor, dto: CreateOfficialDto): Promise<Official> {
    if (!inScope(actor, dto.unitId)) throw new Invalid(`unitId: không có đơn vị mã ${dto.unitId}`, 'unitId');
    await this.getUnitAs(em, dto.unitId, 'unitId');
    zaloNeedsPhone(dto.notifyZalo ?? false, dto.phone ?? null);
    const official = await em.save(Official, em.create(Official, {
      unitId: dto.unitId,
      fullName: dto.fullName,
      position: dto.position,
      role: dto.role ?? 'official',
      email: dto.email ?? null,
      active: dto.active ?? true,
      reminderMode: dto.reminderMode ?? 'each',
      phone: dto.phone ?? null,
      notifyEmail: dto.notifyEmail ?? true,
      notifyZalo: dto.notifyZalo ?? false,
    }));
    const changes = diff(null, official, OFFICIAL_FIELDS);
    await audit(em, actor, { unitId: official.unitId, entity: 'official', entityId: official.id, action: 'created', changes });
    this.events.publish(em, new OfficialChanged(official.id, official.unitId, Object.keys(changes)));
    return official;
  }

  updateOfficial(actor: Actor, id: number, dto: UpdateOfficialDto): Promise<Official> {
    return this.tx.run(async (em) => {
      const official = await this.getOfficial(id, em);
      const version = expectedVersion(official, dto.version);
      // a field left out is kept (the validation pipe may hand it over as undefined, which a spread would copy)
      const { version: _v, ...given } = dto;
      const patch = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as typeof given;
      const merged = { ...official, ...patch };
      zaloNeedsPhone(merged.notifyZalo, merged.phone);
      const changes = diff(official, merged, OFFICIAL_FIELDS);
      if (!Object.keys(changes).length) return official;
      await updateVersioned(em, Official, id, version, patch);
      await audit(em, actor, { unitId: official.unitId, entity: 'official', entityId: id, action: 'updated', changes });
      this.events.publish(em, new OfficialChanged(id, official.unitId, Object.keys(changes)));
      return this.getOfficial(id, em);
    });
  }

  /** A referenced id that does not exist is a bad field of the request, not a missing resource. */
  private async getUnitAs(em: EntityManager, id: number, field: string): Promise<Unit> {
    const unit = await em.findOneBy(Unit, { id });
    if (!unit) throw new Invalid(`${field}: không có đơn vị mã ${id}`, field);
    return unit;
  }
}

/** Zalo reminders go to a mobile number: choosing them without one is refused. */
function zaloNeedsPhone(notifyZalo: boolean, phone: string | null): void {
  if (notifyZalo && !phone) throw new Invalid('notifyZalo: cần có số điện thoại di động để nhận nhắc việc qua Zalo', 'notifyZalo');
}
