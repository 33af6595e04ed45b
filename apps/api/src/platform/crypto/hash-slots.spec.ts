import { describe, expect, it } from 'vitest';
import { HashSlots } from './hash-slots.js';

describe('HashSlots', () => {
  it('runs at most `size` at once, the rest in arrival order', async () => {
    const slots = new HashSlots(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const job = (n: number) =>
      slots.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        order.push(n);
        return n;
      });
    expect(await Promise.all([1, 2, 3, 4, 5].map(job))).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order.slice(2)).toEqual([3, 4, 5]);
  });

  it('frees the slot when the work fails', async () => {
    const slots = new HashSlots(1);
    await expect(slots.run(async () => Promise.reject(new Error('bad hash')))).rejects.toThrow('bad hash');
    expect(await slots.run(async () => 'next')).toBe('next');
  });

  it('has one slot per CPU the process may use, at least one', async () => {
    expect(new HashSlots().size).toBeGreaterThanOrEqual(1);
    await expect(new HashSlots(0).run(async () => 'ok')).resolves.toBe('ok');
  });
});
