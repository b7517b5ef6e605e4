import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { EvidenceFile } from './entities/evidence-file.entity.js';

/** Evidence file rows (the bytes are in the file store). */
@Injectable()
export class EvidenceRepository {
  constructor(private readonly db: DataSource) {}

  ofTask(taskId: number, em: EntityManager = this.db.manager): Promise<EvidenceFile[]> {
    return em.find(EvidenceFile, { where: { taskId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The files of these tasks, by task then upload order: what a report lists. */
  ofTasks(taskIds: number[], em: EntityManager = this.db.manager): Promise<EvidenceFile[]> {
    if (!taskIds.length) return Promise.resolve([]);
    return em.find(EvidenceFile, { where: { taskId: In(taskIds) }, order: { taskId: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  ofPlan(planId: number, em: EntityManager = this.db.manager): Promise<EvidenceFile[]> {
    return em.find(EvidenceFile, { where: { planId }, order: { taskId: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  byIds(ids: number[], em: EntityManager = this.db.manager): Promise<EvidenceFile[]> {
    if (!ids.length) return Promise.resolve([]);
    return em.find(EvidenceFile, { where: { id: In(ids) }, order: { id: 'ASC' } });
  }

  one(taskId: number, id: number, em: EntityManager = this.db.manager): Promise<EvidenceFile | null> {
    return em.findOne(EvidenceFile, { where: { id, taskId } });
  }

  async insert(em: EntityManager, row: Omit<EvidenceFile, 'id' | 'createdAt' | 'task'>): Promise<EvidenceFile> {
    const saved = await em.save(em.create(EvidenceFile, row));
    return (await em.findOne(EvidenceFile, { where: { id: saved.id } }))!;
  }

  async remove(em: EntityManager, id: number): Promise<boolean> {
    const result = await em.delete(EvidenceFile, { id });
    return (result.affected ?? 0) > 0;
  }
}
