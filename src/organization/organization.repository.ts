import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Official } from './entities/official.entity.js';
import { Unit } from './entities/unit.entity.js';

/** Units and officials, as the features above read them. */
@Injectable()
export class OrganizationRepository {
  constructor(private readonly db: DataSource) {}

  unit(id: number, em: EntityManager = this.db.manager): Promise<Unit | null> {
    return em.findOneBy(Unit, { id });
  }

  unitsByIds(ids: number[], em: EntityManager = this.db.manager): Promise<Unit[]> {
    return ids.length ? em.findBy(Unit, { id: In(ids) }) : Promise.resolve([]);
  }

  allUnits(em: EntityManager = this.db.manager): Promise<Unit[]> {
    return em.find(Unit, { order: { id: 'ASC' } });
  }

  official(id: number, em: EntityManager = this.db.manager): Promise<Official | null> {
    return em.findOneBy(Official, { id });
  }

  /** A unit's officials; active ones only when asked. */
  officialsOf(unitId: number, opts: { activeOnly?: boolean } = {}, em: EntityManager = this.db.manager): Promise<Official[]> {
    return em.findBy(Official, { unitId, ...(opts.activeOnly ? { active: true } : {}) });
  }

  officialsByIds(ids: number[], em: EntityManager = this.db.manager): Promise<Official[]> {
    return ids.length ? em.findBy(Official, { id: In(ids) }) : Promise.resolve([]);
  }

  /** Officials of a unit among these ids (a task may name only its plan's unit's officials). */
  officialsOfUnitAmong(unitId: number, ids: number[], em: EntityManager = this.db.manager): Promise<Official[]> {
    return ids.length ? em.findBy(Official, { id: In(ids), unitId }) : Promise.resolve([]);
  }

  /** Active officials who chose one reminder mail a day. */
  digestReaders(em: EntityManager = this.db.manager): Promise<Official[]> {
    return em.findBy(Official, { reminderMode: 'digest', active: true });
  }

  /** The unit and every unit beneath it, at any depth. */
  async selfAndBeneath(unitId: number, em: EntityManager = this.db.manager): Promise<number[]> {
    const sql = `WITH RECURSIVE beneath(id) AS (
        SELECT id FROM unit WHERE id = :unitId
        UNION SELECT u.id FROM unit u JOIN beneath b ON u.parent_id = b.id)
      SELECT id FROM beneath`;
    const rows: { id: number }[] = await em.query(...this.db.driver.escapeQueryWithParameters(sql, { unitId }));
    return rows.map((r) => Number(r.id));
  }

  /** Whether `candidate` is `unitId` or lies beneath it (a unit cannot become its own ancestor). */
  async isSelfOrBelow(em: EntityManager, candidate: number, unitId: number): Promise<boolean> {
    let cursor: number | null = candidate;
    for (let depth = 0; cursor && depth < 50; depth++) {
      if (cursor === unitId) return true;
      cursor = (await em.findOneBy(Unit, { id: cursor }))?.parentId ?? null;
    }
    return false;
  }
}
