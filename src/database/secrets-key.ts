import type { DataSource } from 'typeorm';

/**
 * The key a migration seals (or opens) the database's secrets with, per data
 * source: migrations are made by TypeORM and get only a query runner, whose
 * data source leads here. A resolver, so that the key (and its file) is made
 * only when a migration has secrets to seal.
 */
const resolvers = new WeakMap<DataSource, () => Buffer>();

export function useSecretsKey(dataSource: DataSource, resolve: () => Buffer): void {
  resolvers.set(dataSource, resolve);
}

export function secretsKeyFor(dataSource: DataSource): Buffer {
  const resolve = resolvers.get(dataSource);
  if (!resolve) throw new Error('No secrets key for this data source: open it with openDatabase()');
  return resolve();
}
