import { spawnSync } from 'node:child_process';

/**
 * Where the API and the load generator run. With two or more CPUs and `taskset`, the API gets
 * one CPU (so results read "per core" and stay comparable across machines with more cores) and
 * this process, which generates the load, gets the others, so the two never compete for a core.
 * PostgreSQL and Redis are not pinned: they float over every CPU.
 */
export interface Pinning {
  enabled: boolean;
  /** taskset CPU list for the API, e.g. "0". */
  apiCpus?: string;
  /** taskset CPU list for the load generator, e.g. "1". */
  loadCpus?: string;
  /** One line for the report: what was pinned where, or why nothing was. */
  description: string;
}

export function planPinning(requested: boolean): Pinning {
  if (!requested) return { enabled: false, description: 'off (--no-pin)' };
  const probe = spawnSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    return { enabled: false, description: 'off (taskset not available)' };
  const cpus = parseCpuList(probe.stdout.split(':').pop() ?? '');
  const [apiCpu, ...loadCpus] = cpus;
  if (apiCpu === undefined || loadCpus.length === 0) {
    return { enabled: false, description: `off (only ${cpus.length} CPU available)` };
  }
  const plan = { apiCpus: String(apiCpu), loadCpus: loadCpus.join(',') };
  // -a: every thread of this process (libuv and V8 helper threads included), not only the main one.
  const self = spawnSync('taskset', ['-a', '-pc', plan.loadCpus, String(process.pid)], { encoding: 'utf8' });
  if (self.error || self.status !== 0) {
    return {
      enabled: false,
      description: `off (taskset could not pin the load generator: ${self.stderr.trim()})`,
    };
  }
  return {
    enabled: true,
    ...plan,
    description: `API on CPU ${plan.apiCpus}, load generator on CPU ${plan.loadCpus} (taskset)`,
  };
}

/** Parses taskset's "0,2-3" into [0, 2, 3]. */
export function parseCpuList(list: string): number[] {
  const cpus: number[] = [];
  for (const part of list.trim().split(',')) {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || Number.isNaN(from)) continue;
    for (let cpu = from; cpu <= (to ?? from); cpu++) cpus.push(cpu);
  }
  return cpus;
}
