import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createThrowawayDatabase, type ThrowawayDatabase } from './database.js';
import { deployedNodeFlags } from './deployed-node-flags.js';
import type { Pinning } from './pinning.js';
import { freePort } from './ports.js';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/api');
const API_MAIN = path.join(API_DIR, 'dist/main.js');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export interface ApiOptions {
  /** Sets REDIS_URL (TEST_REDIS_URL as the test suites do, else local) and a key prefix of its own. */
  redis?: boolean;
  /** Pin to the API CPU when pinning is available (default true). */
  pin?: boolean;
  /** Extra or overriding environment, e.g. `{ LOG_LEVEL: 'info' }`. */
  env?: Record<string, string>;
  /** Start on a copy of this database (already migrated and filled) instead of an empty one. */
  template?: string;
}

export interface ApiServer {
  url: string;
  /** The throwaway database it runs on, as the admin (owner) user: for seeding and direct queries. */
  databaseUrl: string;
  pid: number;
  /** taskset CPU list the process is pinned to, if any. */
  pinnedTo?: string;
  /** Stops the process, drops its database; returns how many error-level lines it logged. */
  stop(): Promise<{ errorLines: number; logFile?: string }>;
}

/**
 * Boots the built API (`apps/api/dist/main.js`, as deployed: no tsx, no watch) on a free port
 * against a throwaway database, and resolves once /healthz answers.
 */
export async function startApi(options: ApiOptions, pinning: Pinning): Promise<ApiServer> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`pnpm build\` first`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-bench-'));
  const logFile = path.join(dataDir, 'api.log');
  const db = await createThrowawayDatabase(options.template);
  try {
    const port = await freePort();
    const pinTo = options.pin !== false && pinning.enabled ? pinning.apiCpus : undefined;
    const child = await spawnApi(buildEnv(options, db, port, dataDir), logFile, pinTo);
    const url = `http://127.0.0.1:${port}`;
    await waitUntilHealthy(child, url, logFile);
    return {
      url,
      databaseUrl: db.url,
      pid: child.pid ?? -1,
      ...(pinTo === undefined ? {} : { pinnedTo: pinTo }),
      stop: () => stopApi(child, db, dataDir, logFile),
    };
  } catch (error) {
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function buildEnv(options: ApiOptions, db: ThrowawayDatabase, port: number, dataDir: string) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // As deployed; Express picks its production behaviour from it.
    NODE_ENV: 'production',
    PORT: String(port),
    // The origin the load generator uses, so the API treats requests as addressed to itself
    // (another Host is looked up as a tenant's custom domain on login paths).
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: db.url,
    // Below info, so access lines cost nothing unless a scenario opts in with LOG_LEVEL=info.
    LOG_LEVEL: 'warn',
    // A key of its own and a private data dir: nothing is written next to a developer's ./.data.
    LATCHKEY_MASTER_KEY: randomBytes(32).toString('base64'),
    LATCHKEY_DATA_DIR: dataDir,
    // Production runs workers as separate processes; an idle inline worker would only add noise.
    LATCHKEY_WORKER: 'off',
    // Where argon2id runs, when a comparison asks for it (the raw verifier follows the same setting).
    ...(process.env.LATCHKEY_ARGON2_THREAD
      ? { LATCHKEY_ARGON2_THREAD: process.env.LATCHKEY_ARGON2_THREAD }
      : {}),
  };
  if (options.redis) {
    env.REDIS_URL = REDIS_URL;
    env.LATCHKEY_REDIS_PREFIX = db.name; // unique per run, so runs sharing a Redis never collide
  }
  return { ...env, ...options.env };
}

async function spawnApi(env: Record<string, string>, logFile: string, pinTo?: string): Promise<ChildProcess> {
  // Logs go to a file, not a pipe: draining a pipe would cost the load generator CPU mid-run.
  const log = await open(logFile, 'w');
  try {
    // For profiling a scenario's server: BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
    const nodeArgs = [
      ...deployedNodeFlags(),
      ...(process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      API_MAIN,
    ];
    const [command, args] =
      pinTo === undefined
        ? [process.execPath, nodeArgs]
        : ['taskset', ['-c', pinTo, process.execPath, ...nodeArgs]]; // taskset execs: same pid
    return spawn(command, args, { cwd: API_DIR, env, stdio: ['ignore', log.fd, log.fd] });
  } finally {
    await log.close(); // the child has its own copy of the descriptor
  }
}

async function waitUntilHealthy(child: ChildProcess, url: string, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the API exited during start-up:\n${await tail(logFile)}`);
    }
    const res = await fetch(`${url}/healthz`).catch(() => undefined);
    if (res?.ok) return;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`the API did not answer /healthz within ${START_TIMEOUT_MS} ms:\n${await tail(logFile)}`);
}

async function stopApi(child: ChildProcess, db: ThrowawayDatabase, dataDir: string, logFile: string) {
  await terminate(child);
  await db.drop();
  const errorLines = (await readLog(logFile)).filter((line) => line.level >= 50).length;
  // Keep the log of a run that logged errors, so they can be read; otherwise leave nothing behind.
  if (errorLines > 0) return { errorLines, logFile };
  await rm(dataDir, { recursive: true, force: true });
  return { errorLines };
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM'); // graceful: lets the API close its pools, as in a deployment
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

async function readLog(logFile: string): Promise<Array<{ level: number }>> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        const level = (parsed as { level?: unknown }).level;
        return { level: typeof level === 'number' ? level : 0 };
      } catch {
        return { level: 0 };
      }
    });
}

async function tail(logFile: string, lines = 20): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
