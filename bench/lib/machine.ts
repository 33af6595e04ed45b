import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
  /** Short commit; `+dirty` when the API's sources had uncommitted changes (dist may include them). */
  commit: string;
}

export function describeMachine(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.availableParallelism(),
    node: process.version,
    commit: currentCommit(),
  };
}

function currentCommit(): string {
  try {
    const sha = git('rev-parse', '--short', 'HEAD');
    // Only changes to what the API is built from: the harness's own edits do not change the numbers.
    const dirty = git('status', '--porcelain', '--', 'apps', 'packages', 'prisma') !== '';
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return 'unknown';
  }
}

function git(...args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}
