import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { forUpdate } from '../database/transactions.js';
import { PhuLuc } from './entities/phu-luc.entity.js';
import { Plan, PlanStatus } from './entities/plan.entity.js';

/** Plans and their Phụ lục, as the features above read them. */
@Injectable()
export class PlansRepository {
  constructor(private readonly db: DataSource) {}

  load(id: number, em: EntityManager = this.db.manager): Promise<Plan | null> {
    return em.findOneBy(Plan, { id });
  }

  /** The plan's row, locked until the transaction ends (PostgreSQL; SQLite has one writer already). */
  lock(em: EntityManager, id: number): Promise<Plan | null> {
    return em.findOne(Plan, { where: { id }, ...forUpdate(em) });
  }

  exists(id: number, em: EntityManager = this.db.manager): Promise<boolean> {
    return em.existsBy(Plan, { id });
  }

  find(where: FindOptionsWhere<Plan>): Promise<Plan[]> {
    return this.db.getRepository(Plan).find({ where, order: { year: 'DESC', id: 'ASC' } });
  }

  withStatus(statuses: PlanStatus[], unitId?: number): Promise<Plan[]> {
    return this.db.getRepository(Plan).findBy({ status: In(statuses), ...(unitId !== undefined ? { unitId } : {}) });
  }

  sameNumber(em: EntityManager, unitId: number, year: number, number: string): Promise<Plan | null> {
    return em.findOneBy(Plan, { unitId, year, number });
  }

  phuLucs(em: EntityManager, planId: number): Promise<PhuLuc[]> {
    return em.find(PhuLuc, { where: { planId }, order: { number: 'ASC' } });
  }

  phuLucById(em: EntityManager, id: number): Promise<PhuLuc | null> {
    return em.findOneBy(PhuLuc, { id });
  }

  /** A Phụ lục by its number; `lock` holds it, so that two tasks added at once get different numbers. */
  phuLuc(em: EntityManager, planId: number, number: number, opts: { lock?: boolean } = {}): Promise<PhuLuc | null> {
    return em.findOne(PhuLuc, { where: { planId, number }, ...(opts.lock ? forUpdate(em) : {}) });
  }
}
