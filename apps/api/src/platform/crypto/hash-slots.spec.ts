import { describe, expect, it } from 'vitest';
import { HashSlots, type HashWork, resolveHashThread } from './hash-slots.js';

/** Work whose two forms say which one ran. */
const tagged = <T>(value: T): HashWork<{ value: T; ran: 'pooled' | 'inline' }> => ({
  pooled: async () => ({ value, ran: 'pooled' }),
  inline: () => ({ value, ran: 'inline' }),
});

describe('HashSlots on the pool', () => {
  it('runs at most `size` at once, the rest in arrival order', async () => {
    const slots = new HashSlots(2, 'pool');
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const job = (n: number) =>
      slots.run({
        pooled: async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
          order.push(n);
          return n;
        },
        inline: () => -1,
      });
    expect(await Promise.all([1, 2, 3, 4, 5].map(job))).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order.slice(2)).toEqual([3, 4, 5]);
  });

  it('frees the slot when the work fails', async () => {
    const slots = new HashSlots(1, 'pool');
    const failing = { pooled: async () => Promise.reject(new Error('bad hash')), inline: () => 0 };
    await expect(slots.run(failing)).rejects.toThrow('bad hash');
    expect(await slots.run(tagged('next'))).toEqual({ value: 'next', ran: 'pooled' });
  });

  it('has one slot per CPU the process may use, at least one', async () => {
    expect(new HashSlots().size).toBeGreaterThanOrEqual(1);
    await expect(new HashSlots(0, 'pool').run(tagged('ok'))).resolves.toEqual({ value: 'ok', ran: 'pooled' });
  });
});

describe('HashSlots inline', () => {
  it('runs the synchronous form, one per turn of the event loop, in arrival order', async () => {
    const slots = new HashSlots(1, 'inline');
    const events: string[] = [];
    const job = (n: number) =>
      slots.run({
        pooled: async () => Promise.reject(new Error('not on the pool')),
        inline: () => {
          events.push(`hash ${n}`);
          // What arrives while a hash runs (here: the next turn's immediate) must run before the next hash.
          setImmediate(() => events.push(`between after ${n}`));
          return n;
        },
      });
    const results = await Promise.all([1, 2, 3].map(job));
    expect(results).toEqual([1, 2, 3]);
    expect(events.slice(0, 5)).toEqual(['hash 1', 'between after 1', 'hash 2', 'between after 2', 'hash 3']);
  });

  it('lets timers and I/O run between queued hashes', async () => {
    const slots = new HashSlots(1, 'inline');
    const busy = (ms: number) => () => {
      const until = Date.now() + ms;
      while (Date.now() < until);
      return ms;
    };
    const work = (ms: number) => ({ pooled: async () => ms, inline: busy(ms) });
    let timerFiredAfterHashes = -1;
    let hashesDone = 0;
    const hashes = [1, 2, 3, 4].map(() => slots.run(work(20)).then(() => hashesDone++));
    setTimeout(() => {
      timerFiredAfterHashes = hashesDone;
    }, 1);
    await Promise.all(hashes);
    // The timer fired during the queue, not after all four hashes (which a blocking loop would do).
    expect(timerFiredAfterHashes).toBeGreaterThanOrEqual(0);
    expect(timerFiredAfterHashes).toBeLessThan(4);
  });

  it('rejects when the hash throws and goes on with the next', async () => {
    const slots = new HashSlots(1, 'inline');
    const failing = {
      pooled: async () => 0,
      inline: () => {
        throw new Error('bad hash');
      },
    };
    const failed = slots.run(failing);
    const next = slots.run(tagged('next'));
    await expect(failed).rejects.toThrow('bad hash');
    await expect(next).resolves.toEqual({ value: 'next', ran: 'inline' });
  });
});

describe('resolveHashThread', () => {
  it('hashes inline on one CPU and on the pool with more, unless told', () => {
    expect(resolveHashThread('auto', 1)).toBe('inline');
    expect(resolveHashThread('auto', 2)).toBe('pool');
    expect(resolveHashThread('pool', 1)).toBe('pool');
    expect(resolveHashThread('inline', 8)).toBe('inline');
    expect(new HashSlots(1).thread).toBe('inline');
    expect(new HashSlots(4).thread).toBe('pool');
  });
});
