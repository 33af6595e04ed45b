import { spawnSync } from 'node:child_process';
import type { Pinning } from './pinning.js';
import { atRunEnd } from './run-cleanup.js';

/** The local servers the API talks to, by process name. */
const SERVICES = [
  { name: 'PostgreSQL', command: 'postgres' },
  { name: 'Redis', command: 'redis-server' },
] as const;

/**
 * Moves local PostgreSQL and Redis processes onto the load generator's CPUs for the run, and puts
 * every one back at its end. Left to the scheduler, they were woken on the CPU of the API that
 * woke them and took up to 12 % of the core the API is measured on (the refresh grant's API kept
 * 88 % of its core busy; moved, 97 %). A deployment gives its database cores of its own; here the
 * API's core is the API's. The PostgreSQL postmaster is moved too, so the backends it forks for
 * new connections start on the same CPUs. Returns a line for the report.
 */
export function moveLocalServices(pinning: Pinning): string {
  if (!pinning.enabled || !pinning.loadCpus) return 'local PostgreSQL and Redis not moved (no pinning)';
  const moved: string[] = [];
  const failed: string[] = [];
  for (const service of SERVICES) {
    const pids = processIds(service.command);
    if (pids.length === 0) continue;
    const before = pids.map((pid) => ({ pid, cpus: affinityOf(pid) }));
    const ok = before.filter(
      ({ pid, cpus }) => cpus !== undefined && setAffinity(pid, pinning.loadCpus ?? ''),
    );
    if (ok.length === 0) {
      failed.push(service.name);
      continue;
    }
    moved.push(service.name);
    atRunEnd(async () => {
      for (const { pid, cpus } of ok) if (cpus) setAffinity(pid, cpus);
    });
  }
  const parts = [];
  if (moved.length) parts.push(`local ${moved.join(' and ')} moved to CPU ${pinning.loadCpus} for the run`);
  if (failed.length) parts.push(`${failed.join(' and ')} not moved (taskset refused)`);
  return parts.join('; ') || 'no local PostgreSQL or Redis process to move';
}

function processIds(command: string): number[] {
  const found = spawnSync('pgrep', ['-x', command], { encoding: 'utf8' });
  if (found.error || found.status !== 0) return [];
  return found.stdout.split('\n').filter(Boolean).map(Number);
}

function affinityOf(pid: number): string | undefined {
  const probe = spawnSync('taskset', ['-pc', String(pid)], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.split(':').pop()?.trim() : undefined;
}

/** Every thread of the process (-a): Redis runs I/O and background threads of its own. */
function setAffinity(pid: number, cpus: string): boolean {
  return spawnSync('taskset', ['-a', '-pc', cpus, String(pid)], { encoding: 'utf8' }).status === 0;
}
