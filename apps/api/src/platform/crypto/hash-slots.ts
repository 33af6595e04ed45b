import { availableParallelism } from 'node:os';

/**
 * Where argon2id runs: on libuv's threadpool (`pool`), or on the event loop's own thread, in turns
 * of up to INLINE_TURN_BUDGET_MS (`inline`). `auto` picks `inline` when the process may use a single CPU, `pool`
 * otherwise (LATCHKEY_ARGON2_THREAD, docs/passwords.md).
 */
export type HashThread = 'pool' | 'inline';
export type HashThreadSetting = HashThread | 'auto';

/** One computation in its two forms: asynchronous on the pool, or synchronous on this thread. */
export interface HashWork<T> {
  pooled: () => Promise<T>;
  inline: () => T;
}

export function resolveHashThread(setting: HashThreadSetting, cpus = availableParallelism()): HashThread {
  if (setting !== 'auto') return setting;
  return cpus <= 1 ? 'inline' : 'pool';
}

/** How long one turn of the event loop may spend on queued inline hashes (about four at OWASP's). */
export const INLINE_TURN_BUDGET_MS = 50;

/**
 * At most one argon2id computation per CPU this process may run on (its affinity, as `taskset` or a
 * container's cpuset sets it). Memory-hard hashes time-sharing a core evict each other's 19 MiB
 * from the caches: on one core, libuv's four threads verified ~25 % fewer passwords per second
 * than one thread did (docs/benchmarks.md). The rest of the threadpool stays free for files, DNS
 * and WebCrypto, which would otherwise queue behind hashes.
 *
 * On a single CPU there is no parallelism for the pool to add, only switches: every time the event
 * loop wakes for a request while a pool thread hashes, the two threads trade the core and the JS
 * runs on caches the hash has just flushed (the benchmark's login step gained ~3 points of raw
 * argon2id's rate inline; docs/benchmarks.md). `inline` hashes on the loop's thread instead, in
 * the loop's check phase, so the I/O that arrived meanwhile is served between two turns.
 *
 * A turn runs the queued hashes back to back while they fit in `turnBudgetMs`. Each hash streams
 * its 19 MiB through the caches; whatever JavaScript runs next starts cold. One hash per turn made
 * every step of every sign-in (parse, Redis, PostgreSQL, answer) pay that refill on its own; with
 * a few hashes per turn, the steps of as many sign-ins run together afterwards on warm caches
 * (the login step's own CPU fell by about a third, docs/benchmarks.md). The price: under a queue
 * of hashes, a cheap request may wait up to the budget instead of one hash.
 */
export class HashSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  private readonly inlineQueue: Array<() => void> = [];
  private inlineScheduled = false;

  constructor(
    readonly size = availableParallelism(),
    readonly thread: HashThread = resolveHashThread('auto', size),
    readonly turnBudgetMs = INLINE_TURN_BUDGET_MS,
  ) {
    this.free = Math.max(1, size);
  }

  run<T>(work: HashWork<T>): Promise<T> {
    return this.thread === 'inline' ? this.runInline(work.inline) : this.runPooled(work.pooled);
  }

  private async runPooled<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }

  private runInline<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.inlineQueue.push(() => {
        try {
          resolve(work());
        } catch (err) {
          reject(err);
        }
      });
      this.scheduleInline();
    });
  }

  /**
   * Queued hashes in the next check phase: at least one, more while the next (expected to take as
   * long as the last) still ends within the turn's budget. Timers and I/O run between two turns.
   */
  private scheduleInline(): void {
    if (this.inlineScheduled || this.inlineQueue.length === 0) return;
    this.inlineScheduled = true;
    setImmediate(() => {
      this.inlineScheduled = false;
      const turnStart = performance.now();
      let last = 0;
      do {
        const start = performance.now();
        this.inlineQueue.shift()?.();
        last = performance.now() - start;
      } while (this.inlineQueue.length > 0 && performance.now() - turnStart + last <= this.turnBudgetMs);
      this.scheduleInline();
    });
  }
}
