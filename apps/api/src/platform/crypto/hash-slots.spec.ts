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
  /** Inline work that takes `ms` of the thread and records when it ran. */
  const busyWork = (events: string[], name: string, ms: number) => ({
    pooled: async () => Promise.reject(new Error('not on the pool')),
    inline: () => {
      events.push(name);
      const until = performance.now() + ms;
      while (performance.now() < until);
      // What arrives while a hash runs (here: the next turn's immediate) runs after the turn.
      setImmediate(() => events.push(`after ${name}`));
      return name;
    },
  });

  it('runs the synchronous form in arrival order, one per turn when the budget allows no more', async () => {
    const slots = new HashSlots(1, 'inline', 0);
    const events: string[] = [];
    const results = await Promise.all(['h1', 'h2', 'h3'].map((n) => slots.run(busyWork(events, n, 1))));
    expect(results).toEqual(['h1', 'h2', 'h3']);
    expect(events.slice(0, 5)).toEqual(['h1', 'after h1', 'h2', 'after h2', 'h3']);
  });

  it('runs queued hashes back to back while the next still fits in the turn’s budget', async () => {
    const slots = new HashSlots(1, 'inline', 200);
    const events: string[] = [];
    // 5 ms each against 200 ms: all five in one turn, even on a machine that preempts the test.
    const jobs = ['h1', 'h2', 'h3', 'h4', 'h5'].map((n) => slots.run(busyWork(events, n, 5)));
    expect(await Promise.all(jobs)).toEqual(['h1', 'h2', 'h3', 'h4', 'h5']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.slice(0, 6)).toEqual(['h1', 'h2', 'h3', 'h4', 'h5', 'after h1']);
  });

  it('runs one long hash per turn when two would not fit', async () => {
    const slots = new HashSlots(1, 'inline', 30);
    const events: string[] = [];
    await Promise.all(['h1', 'h2'].map((n) => slots.run(busyWork(events, n, 20))));
    expect(events.slice(0, 3)).toEqual(['h1', 'after h1', 'h2']);
  });

  it('lets timers and I/O run between turns of queued hashes', async () => {
    const slots = new HashSlots(1, 'inline', 50);
    const busy = (ms: number) => () => {
      const until = Date.now() + ms;
      while (Date.now() < until);
      return ms;
    };
    const work = (ms: number) => ({ pooled: async () => ms, inline: busy(ms) });
    let timerFiredAfterHashes = -1;
    let hashesDone = 0;
    const hashes = [1, 2, 3, 4, 5, 6].map(() => slots.run(work(20)).then(() => hashesDone++));
    setTimeout(() => {
      timerFiredAfterHashes = hashesDone;
    }, 1);
    await Promise.all(hashes);
    // The timer fired during the queue, not after all six hashes (which a blocking loop would do).
    expect(timerFiredAfterHashes).toBeGreaterThanOrEqual(0);
    expect(timerFiredAfterHashes).toBeLessThan(6);
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
