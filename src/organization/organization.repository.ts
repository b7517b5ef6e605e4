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

  /** The officials of these units, one query (the deliveries a worker runs at once). */
  officialsOfUnits(unitIds: number[], opts: { activeOnly?: boolean } = {}, em: EntityManager = this.db.manager): Promise<Official[]> {
    return unitIds.length ? em.findBy(Official, { unitId: In(unitIds), ...(opts.activeOnly ? { active: true } : {}) }) : Promise.resolve([]);
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

  /**
   * The unit and every unit beneath it. Bounded: a tree deeper than MAX_DEPTH
   * is refused when it is built (isSelfOrBelow), and the query stops there
   * whatever the data says.
   */
  async selfAndBeneath(unitId: number, em: EntityManager = this.db.manager): Promise<number[]> {
    const sql = `WITH RECURSIVE beneath(id, depth) AS (
        SELECT id, 0 FROM unit WHERE id = :unitId
        UNION ALL SELECT u.id, b.depth + 1 FROM unit u JOIN beneath b ON u.parent_id = b.id WHERE b.depth < :max)
      SELECT DISTINCT id FROM beneath`;
    const rows: { id: number }[] = await em.query(...this.db.driver.escapeQueryWithParameters(sql, { unitId, max: MAX_DEPTH }));
    return rows.map((r) => Number(r.id));
  }

  /**
   * Whether `candidate` is `unitId` itself or lies beneath it, at any depth,
   * in one recursive query up from `candidate` (bounded, so a loop already in
   * the data cannot make it run for ever); or the chain above `candidate` is
   * deeper than MAX_DEPTH. Either way it cannot become `unitId`'s parent.
   */
  async isSelfOrBelow(em: EntityManager, candidate: number, unitId: number): Promise<boolean> {
    if (em.connection.options.type === 'postgres') {
      // two changes at once could each close half of a loop: one parent change at a time
      await em.query('LOCK TABLE unit IN SHARE ROW EXCLUSIVE MODE');
    }
    const sql = `WITH RECURSIVE up(id, depth) AS (
        SELECT id, 0 FROM unit WHERE id = :candidate
        UNION ALL SELECT u.parent_id, up.depth + 1 FROM unit u JOIN up ON u.id = up.id
          WHERE u.parent_id IS NOT NULL AND up.depth <= :max)
      SELECT MAX(CASE WHEN id = :unitId THEN 1 ELSE 0 END) AS hit, MAX(depth) AS depth FROM up`;
    const [row]: { hit: number | string | null; depth: number | string | null }[] =
      await em.query(...this.db.driver.escapeQueryWithParameters(sql, { candidate, unitId, max: MAX_DEPTH }));
    return Number(row?.hit ?? 0) === 1 || Number(row?.depth ?? 0) >= MAX_DEPTH;
  }
}

/** Deeper than any real administrative tree (nation → province → district → commune), and the bound of every walk of it. */
export const MAX_DEPTH = 64;
