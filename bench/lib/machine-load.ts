import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** Above this share of all CPUs busy while nothing of ours runs, numbers will be noticeably off. */
const BUSY_THRESHOLD = 0.1;
/** /proc/stat counts in USER_HZ, which Linux fixes at 100 for user space. */
const TICKS_PER_SECOND = 100;

/**
 * How busy the machine is with other work (this process's own CPU time excluded), sampled over `ms`
 * from /proc/stat before a scenario starts. On two cores a build or test run elsewhere skews every
 * number, so the report says so instead of presenting such a run as a clean measurement.
 * Returns undefined where /proc/stat does not exist.
 */
export async function otherCpuLoad(ms = 1000): Promise<number | undefined> {
  const before = await cpuTimes();
  const ownBefore = process.cpuUsage();
  if (!before) return undefined;
  await sleep(ms);
  const after = await cpuTimes();
  if (!after) return undefined;
  const own = process.cpuUsage(ownBefore);
  const ownTicks = ((own.user + own.system) / 1e6) * TICKS_PER_SECOND;
  const total = after.total - before.total;
  const busy = total - (after.idle - before.idle) - ownTicks;
  return total > 0 ? Math.max(0, busy / total) : undefined;
}

/** A note for the report when the machine was busy, else undefined. */
export function busyNote(load: number | undefined): string | undefined {
  if (load === undefined || load < BUSY_THRESHOLD) return undefined;
  return `the machine was ${Math.round(load * 100)}% busy with other work just before this scenario: numbers are low`;
}

async function cpuTimes(): Promise<{ idle: number; total: number } | undefined> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => undefined);
  const fields = stat?.split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number);
  if (!fields || fields.length < 5) return undefined;
  // user nice system idle iowait irq softirq steal: idle time is idle + iowait.
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { idle, total: fields.slice(0, 8).reduce((a, b) => a + b, 0) };
}
