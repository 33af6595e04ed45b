import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time a server process has used, all its threads included (libuv's pool signs with WebCrypto
 * there), from /proc on Linux. Throughput alone cannot tell a slow server from a server that only
 * got part of its core: with other work on the machine, the pinned CPU is shared, and the CPU time
 * per operation stays right where operations per second do not.
 */
export class ProcessCpu {
  private constructor(
    private readonly pid: number,
    private readonly ticksPerSecond: number,
  ) {}

  /** Undefined where /proc or getconf is missing (not Linux). */
  static of(pid: number): ProcessCpu | undefined {
    const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim());
    const probe = new ProcessCpu(pid, ticks);
    return Number.isFinite(ticks) && ticks > 0 && probe.seconds() !== undefined ? probe : undefined;
  }

  /** utime + stime of the whole process, in seconds. */
  seconds(): number | undefined {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces: utime, stime are 14, 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / this.ticksPerSecond;
    } catch {
      return undefined;
    }
  }

  /**
   * Runs `work` and returns its result with the share of one core the process used meanwhile
   * (0–1 for a single-threaded server; a little more when its helper threads run on other CPUs).
   */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; coreShare: number | undefined }> {
    const cpuBefore = this.seconds();
    const started = performance.now();
    const result = await work();
    const wall = (performance.now() - started) / 1000;
    const cpuAfter = this.seconds();
    const coreShare =
      cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / wall;
    return { result, coreShare };
  }
}
