import { describe, expect, it } from 'vitest';
import { SameTurnBatches } from './same-turn-batches.js';

/** A batcher whose run answers each item doubled and records the batches it was given. */
function recording(maxSize = 64, fail?: (items: number[]) => boolean) {
  const batches: number[][] = [];
  const batcher = new SameTurnBatches<number, number>(async (items) => {
    batches.push([...items]);
    if (fail?.(items)) throw new Error(`batch ${items.join(',')} failed`);
    return items.map((item) => item * 2);
  }, maxSize);
  return { batcher, batches };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('SameTurnBatches', () => {
  it('runs the calls of one turn as one batch and answers each in order', async () => {
    const { batcher, batches } = recording();
    const answers = Promise.all([1, 2, 3].map((n) => batcher.add('t', n)));
    expect(batches).toEqual([]); // nothing runs before the turn ends
    expect(await answers).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('starts another batch in a later turn and keeps keys apart', async () => {
    const { batcher, batches } = recording();
    const first = [batcher.add('a', 1), batcher.add('b', 2)];
    await nextTurn();
    const later = batcher.add('a', 3);
    expect(await Promise.all([...first, later])).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1], [2], [3]]);
  });

  it('closes a batch at its maximum size', async () => {
    const { batcher, batches } = recording(2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add('t', n)))).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails every call of a failed batch, and only those', async () => {
    const { batcher } = recording(64, (items) => items.includes(13));
    const [bad, alsoBad, fine] = [batcher.add('x', 13), batcher.add('x', 1), batcher.add('y', 1)];
    await expect(bad).rejects.toThrow('batch 13,1 failed');
    await expect(alsoBad).rejects.toThrow('batch 13,1 failed');
    expect(await fine).toBe(2);
  });
});
