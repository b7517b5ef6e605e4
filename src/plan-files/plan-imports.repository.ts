import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, LessThan, MoreThan } from 'typeorm';
import { PlanImport } from './entities/plan-import.entity.js';

/** Previews waiting for confirmation (plan_import). */
@Injectable()
export class PlanImportsRepository {
  constructor(private readonly db: DataSource) {}

  async store(row: PlanImport): Promise<void> {
    await this.db.manager.insert(PlanImport, row);
  }

  /** A preview not yet expired. */
  pending(em: EntityManager, id: string, now: Date): Promise<PlanImport | null> {
    return em.findOneBy(PlanImport, { id, expiresAt: MoreThan(now) });
  }

  /** Removes a confirmed preview; false when another confirmation took it first. */
  async take(em: EntityManager, id: string): Promise<boolean> {
    const result = await em.delete(PlanImport, { id });
    return (result.affected ?? 0) > 0;
  }

  async pruneExpired(now: Date): Promise<void> {
    await this.db.manager.delete(PlanImport, { expiresAt: LessThan(now) });
  }
}
