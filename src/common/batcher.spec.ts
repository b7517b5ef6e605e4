import { Batcher, ItemResult } from './batcher.js';

describe('Batcher', () => {
  it('a lone item goes at once; items arriving meanwhile share the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new Batcher<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items.map((i) => ({ value: i * 10 }));
    });
    const first = b.run(1);
    const rest = [b.run(2), b.run(3), b.run(4)];
    expect(batches).toEqual([[1]]);
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps batches to their maximum size', async () => {
    const sizes: number[] = [];
    const b = new Batcher<number, number>(async (items) => {
      sizes.push(items.length);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((value) => ({ value }));
    }, 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => b.run(i)));
    expect(sizes).toEqual([1, 3, 3, 1]);
  });

  it("an item's error reaches its caller only; the batch's error reaches all of that batch, and the next batch still runs", async () => {
    let fail = false;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new Batcher<number, number>(async (items): Promise<ItemResult<number>[]> => {
      if (items[0] === 0) await gate;
      if (fail) {
        fail = false;
        throw new Error('commit failed');
      }
      return items.map((i) => (i % 2 ? { error: new Error(`odd ${i}`) } : { value: i }));
    });
    const zero = b.run(0);
    const batch = [b.run(1), b.run(2)];
    fail = true;
    release();
    await expect(zero).rejects.toThrow('commit failed');
    await expect(batch[0]).rejects.toThrow('odd 1');
    await expect(batch[1]).resolves.toBe(2);
    await expect(b.run(4)).resolves.toBe(4);
  });
});

describe('Batcher with a linger', () => {
  it('the first item waits for those that arrive within the linger, and they go as one batch', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number, number>(async (items) => {
      batches.push(items);
      return items.map((i) => ({ value: i + 1 }));
    }, 100, 20);
    const first = b.run(1);
    await new Promise((r) => setTimeout(r, 5));
    const second = b.run(2);
    expect(batches).toEqual([]);
    expect(await Promise.all([first, second])).toEqual([2, 3]);
    expect(batches).toEqual([[1, 2]]);
    // idle again: the next item lingers too, alone
    expect(await b.run(3)).toBe(4);
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('keeps to the maximum size: what is left over goes next, without another wait', async () => {
    const sizes: number[] = [];
    const b = new Batcher<number, number>(async (items) => {
      sizes.push(items.length);
      return items.map((value) => ({ value }));
    }, 3, 10);
    expect(await Promise.all(Array.from({ length: 7 }, (_, i) => b.run(i)))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sizes).toEqual([3, 3, 1]);
  });
});
