// makeBatcher: writes that arrive while a batch is in flight go together in the next one; a
// failed batch is retried item by item so one bad item fails alone.
import { describe, expect, it } from 'vitest';
import { makeBatcher } from '../../server/db/batcher.ts';

/** A write that records its batches and resolves when told to. */
function recorder(fail: (x: number) => boolean = () => false) {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  const write = (items: number[]) => {
    batches.push(items);
    return new Promise<Array<number | Error>>((resolve, reject) => {
      pending.push(() => (items.length > 1 && items.some(fail) ? reject(new Error('batch failed')) : resolve(items.map((x) => (fail(x) ? new Error(`bad ${x}`) : x * 10)))));
    });
  };
  const release = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { batches, write, release };
}

describe('makeBatcher', () => {
  it('writes the first item at once and the items that arrive meanwhile together', async () => {
    const r = recorder();
    const b = makeBatcher(r.write, { maxBatch: 100, concurrency: 1 });
    const answers = [1, 2, 3, 4].map((x) => b.submit(x));
    expect(r.batches).toEqual([[1]]);
    await r.release();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40]);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch at maxBatch and keeps `concurrency` batches in flight', async () => {
    const r = recorder();
    const b = makeBatcher(r.write, { maxBatch: 2, concurrency: 2 });
    const answers = [1, 2, 3, 4, 5, 6, 7].map((x) => b.submit(x));
    expect(r.batches).toEqual([[1], [2]]);
    await r.release();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(r.batches.flat().sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...r.batches.map((x) => x.length))).toBe(2);
  });

  it('rejects only the item whose outcome is an error, and only the bad item when a whole batch throws', async () => {
    const r = recorder((x) => x === 3);
    const b = makeBatcher(r.write, { maxBatch: 100, concurrency: 1 });
    const answers = [1, 2, 3, 4].map((x) => b.submit(x).then((v) => v, (e: Error) => e.message));
    await r.release();
    expect(await Promise.all(answers)).toEqual([10, 20, 'bad 3', 40]);
    // [2, 3, 4] failed as a batch and was retried one by one.
    expect(r.batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
