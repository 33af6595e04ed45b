interface Waiter<Result> {
  resolve(result: Result): void;
  reject(error: unknown): void;
}

interface Batch<Item, Result> {
  items: Item[];
  waiters: Waiter<Result>[];
}

/**
 * Calls made in the same event-loop turn, run as one. The first call under a key schedules its
 * batch with `setImmediate`, so every request whose socket was read in the same poll phase joins
 * it before it runs; a batch that reaches `maxSize` is closed and the next call opens another.
 * `run` answers each item in order; if it fails, every call of that batch fails with its error.
 * Nothing is kept between turns: this batches work, it caches nothing.
 */
export class SameTurnBatches<Item, Result> {
  private readonly open = new Map<string, Batch<Item, Result>>();

  constructor(
    private readonly run: (items: Item[]) => Promise<Result[]>,
    private readonly maxSize: number,
  ) {}

  add(key: string, item: Item): Promise<Result> {
    let batch = this.open.get(key);
    if (!batch) {
      const opened: Batch<Item, Result> = { items: [], waiters: [] };
      this.open.set(key, opened);
      setImmediate(() => void this.flush(key, opened));
      batch = opened;
    }
    const { items, waiters } = batch;
    const answer = new Promise<Result>((resolve, reject) => waiters.push({ resolve, reject }));
    items.push(item);
    if (items.length >= this.maxSize) this.open.delete(key);
    return answer;
  }

  private async flush(key: string, batch: Batch<Item, Result>): Promise<void> {
    if (this.open.get(key) === batch) this.open.delete(key);
    try {
      const results = await this.run(batch.items);
      for (const [i, waiter] of batch.waiters.entries()) waiter.resolve(results[i] as Result);
    } catch (error) {
      for (const waiter of batch.waiters) waiter.reject(error);
    }
  }
}
