/**
 * The wait of a batched read (task facts, officials, Zalo accounts): long
 * enough for the deliveries starting beside it to share the query, short
 * beside a delivery's own time.
 */
export const READ_LINGER_MS = 5;

/** What one item of a batch came to: its value, or the error that item alone met. */
export type ItemResult<O> = { value: O } | { error: unknown };

/**
 * Group work: items that arrive while a batch is being worked on make up the
 * next batch (up to `max` items), so that concurrent callers share one unit of
 * work (one transaction, one commit) instead of queueing one by one. Each
 * caller gets its own item's result; an error of the whole batch reaches
 * every caller of that batch.
 *
 * Without `lingerMs` a lone item goes at once. With it, the first item of an
 * idle batcher waits that long for others to join. That matters when the
 * work blocks the process (better-sqlite3 commits synchronously): no caller
 * can arrive while it runs, so without the wait every commit would be of one
 * item.
 */
export class Batcher<I, O> {
  private readonly queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly work: (items: I[]) => Promise<ItemResult<O>[]>,
    private readonly max = 100,
    private readonly lingerMs: number | null = null,
  ) {}

  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running) return;
      if (this.lingerMs === null) {
        void this.drain();
      } else {
        // running from now: those that arrive during the wait join this batch
        this.running = true;
        setTimeout(() => void this.drain(), this.lingerMs);
      }
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.max);
        try {
          const results = await this.work(batch.map((b) => b.item));
          if (results.length !== batch.length) throw new Error(`batch of ${batch.length} answered ${results.length} results`);
          batch.forEach((b, i) => {
            const r = results[i];
            if ('error' in r) b.reject(r.error);
            else b.resolve(r.value);
          });
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
