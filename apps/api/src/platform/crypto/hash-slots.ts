import { availableParallelism } from 'node:os';

/**
 * At most one argon2id computation per CPU this process may run on (its affinity, as `taskset` or a
 * container's cpuset sets it). Memory-hard hashes time-sharing a core evict each other's 19 MiB
 * from the caches: on one core, libuv's four threads verified ~25 % fewer passwords per second
 * than one thread did (docs/benchmarks.md). The rest of the threadpool stays free for files, DNS
 * and WebCrypto, which would otherwise queue behind hashes.
 */
export class HashSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size = availableParallelism()) {
    this.free = Math.max(1, size);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
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
}
