import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { Conflict } from '../common/errors.js';

/**
 * Optimistic locking: the row changes only if nobody changed it since `version`
 * was read (TypeORM bumps the version column on every update). Two people
 * editing one task at once: the second gets a 409 instead of silently winning.
 */
export async function updateVersioned<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: number,
  version: number,
  patch: QueryDeepPartialEntity<T>,
): Promise<void> {
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set(patch)
    .where('id = :id AND version = :version', { id, version })
    .execute();
  if (!result.affected) {
    throw new Conflict('Dữ liệu đã được người khác thay đổi; hãy tải lại rồi thử lại');
  }
}

/** The version the client read, when it sent one; else the one just loaded. */
export function expectedVersion(loaded: { version: number }, sent?: number): number {
  if (sent !== undefined && sent !== loaded.version) {
    throw new Conflict(`Dữ liệu đã được người khác thay đổi (phiên bản ${loaded.version}, bạn gửi ${sent}); hãy tải lại rồi thử lại`);
  }
  return loaded.version;
}
