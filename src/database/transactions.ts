import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

type Hook = () => Promise<void>;

/**
 * Runs a unit of work in one transaction. On SQLite every request shares the
 * driver's single connection, so two transactions started concurrently would
 * nest into each other's savepoints; they are queued here instead, one at a time.
 * PostgreSQL gets real concurrent transactions from its pool.
 *
 * Work may ask for something to happen once its transaction has committed
 * (afterCommit): the events of src/events. Nothing of it happens on a rollback.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger('Transactions');
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;
  private readonly pending = new WeakMap<EntityManager, Hook[]>();

  constructor(private readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'better-sqlite3';
  }

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    let hooks: Hook[] = [];
    const tracked = async (em: EntityManager): Promise<T> => {
      this.pending.set(em, hooks);
      try {
        return await work(em);
      } finally {
        this.pending.delete(em);
      }
    };
    const fail = (e: unknown): never => {
      hooks = [];
      throw e;
    };
    const result = await (this.serialize
      ? this.enqueue(() =>
          this.dataSource.transaction(async (em) => {
            // Take the write lock first, as BEGIN IMMEDIATE would (TypeORM only issues BEGIN):
            // a transaction that reads and then writes while another process (a worker)
            // writes fails at once with "database is locked"; a first write waits out the busy timeout.
            await em.query('DELETE FROM migrations WHERE 0');
            return tracked(em);
          }),
        )
      : this.dataSource.transaction(tracked)
    ).catch(fail);
    // outside the SQLite queue: a hook may read, or run a transaction of its own
    for (const hook of hooks) {
      await hook().catch((e: Error) => this.logger.error(`Lỗi sau khi lưu thay đổi: ${e.message}`, e.stack));
    }
    return result;
  }

  /**
   * Runs `hook` once the transaction of `em` has committed, before run() returns;
   * never if it rolls back. A failing hook is logged: the change itself stands.
   */
  afterCommit(em: EntityManager, hook: Hook): void {
    const hooks = this.pending.get(em);
    if (!hooks) throw new Error('afterCommit needs the EntityManager of a Transactions.run() in progress');
    hooks.push(hook);
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
