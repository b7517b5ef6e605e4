import { Redis } from 'ioredis';

/**
 * What a connection is for, which decides how it behaves while Redis is away:
 * - worker: BullMQ's blocking commands; waits and retries for ever (maxRetriesPerRequest null);
 * - producer: adds and removes jobs; fails fast, so a request never hangs on a Redis that is down
 *   (the database is the truth, and the reconcile rebuilds the schedule);
 * - quick: one short question (is Redis up, a rate-limit counter); connects on first use, gives up within a second.
 */
export type RedisPurpose = 'worker' | 'producer' | 'quick';

/** The one place a Redis client is made. */
export function redisConnection(url: string, purpose: RedisPurpose): Redis {
  const client =
    purpose === 'quick'
      ? new Redis(url, {
          lazyConnect: true,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          connectTimeout: 1000,
          retryStrategy: (times) => Math.min(times * 500, 5000),
        })
      : new Redis(url, {
          maxRetriesPerRequest: purpose === 'worker' ? null : 1,
          enableOfflineQueue: purpose === 'worker',
          retryStrategy: (times) => Math.min(times * 200, 2000),
        });
  // errors surface on the commands; an unhandled 'error' event would crash the process
  client.on('error', () => undefined);
  return client;
}

/** Connects a lazy client if it is not connected yet (a quick client connects on first use). */
export async function connected(client: Redis): Promise<Redis> {
  if (client.status === 'wait' || client.status === 'end') await client.connect();
  return client;
}
