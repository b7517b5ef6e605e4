import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InstallInfo } from './install-info.entity.js';

const KEY = 'install_id';

/**
 * This installation's id, made once and kept in its database. Two installs
 * sharing one Redis put it in their key prefix, so neither sees, reschedules
 * nor works the other's jobs. A server and its worker processes share a
 * database, hence an id; the first of them to start makes it.
 */
export async function installId(db: DataSource): Promise<string> {
  const repo = db.getRepository(InstallInfo);
  const found = await repo.findOneBy({ key: KEY });
  if (found) return found.value;
  await repo.createQueryBuilder().insert().into(InstallInfo).values({ key: KEY, value: randomBytes(6).toString('hex') })
    .orIgnore().execute();
  return (await repo.findOneByOrFail({ key: KEY })).value;
}
