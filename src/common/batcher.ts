/** What one item of a batch came to: its value, or the error that item alone met. */
export type ItemResult<O> = { value: O } | { error: unknown };

/**
 * Group work: items that arrive while a batch is being worked on make up the
 * next batch (up to `max` items), so that concurrent callers share one unit of
 * work (one transaction, one commit) instead of queueing one by one. Nothing
 * waits on a timer: a lone item goes at once. Each caller gets its own item's
 * result; an error of the whole batch reaches every caller of that batch.
 */
export class Batcher<I, O> {
  private readonly queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(private readonly work: (items: I[]) => Promise<ItemResult<O>[]>, private readonly max = 100) {}

  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
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
