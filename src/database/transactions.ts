import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one transaction. On SQLite every request shares the
 * driver's single connection, so two transactions started concurrently would
 * nest into each other's savepoints; they are queued here instead, one at a time.
 * PostgreSQL gets real concurrent transactions from its pool.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialize) return this.dataSource.transaction(work);
    return this.enqueue(() =>
      this.dataSource.transaction(async (em) => {
        // Take the write lock first, as BEGIN IMMEDIATE would (TypeORM only issues BEGIN):
        // a transaction that reads and then writes while another process (a worker)
        // writes fails at once with "database is locked"; a first write waits out the busy timeout.
        await em.query('DELETE FROM migrations WHERE 0');
        return work(em);
      }),
    );
  }

  /**
   * A read made of several queries. On SQLite it waits its turn so it never sees
   * another request's transaction half done on the shared connection.
   */
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialize) return work(this.dataSource.manager);
    return this.enqueue(() => work(this.dataSource.manager));
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Row lock for read-then-write sequences (numbering a new task). PostgreSQL
 * needs it; SQLite has one writer at a time already, and no FOR UPDATE.
 */
export function forUpdate(em: EntityManager): { lock?: { mode: 'pessimistic_write' } } {
  return em.connection.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' } } : {};
}
