import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pinning } from './pinning.js';
import type { Measurement } from './scenario.js';
import { type LatencyRecorder, summarize } from './stats.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'argon2-verify.mjs');

export interface RawVerifyOptions {
  label: string;
  unit: string;
  /** A PHC string and the password it was made from. */
  hash: string;
  password: string;
  /** Verifications outstanding at once (at most one per CPU of the process runs: HashSlots). */
  concurrency: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Where latencies go; pass one across runs measured in slices to summarize them together. */
  recorder?: LatencyRecorder;
}

interface ChildResult {
  completed: number;
  failed: number;
  seconds: number;
  cpuSeconds: number;
  /** Where the verifications ran: libuv's pool, or the event loop's thread (one CPU). */
  thread: 'pool' | 'inline';
  latenciesMs: number[];
}

/**
 * Verifications per second of @node-rs/argon2 alone (bench/lib/argon2-verify.mjs), in a process
 * pinned to the API's CPU when pinning is on, so it gets the core the API gets.
 */
export async function measureRawVerify(
  options: RawVerifyOptions,
  pinning: Pinning,
): Promise<{ measurement: Measurement; cpuMs?: number }> {
  const input = {
    hash: options.hash,
    password: options.password,
    concurrency: options.concurrency,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
  };
  const args = [SCRIPT, JSON.stringify(input)];
  const pinTo = pinning.enabled ? pinning.apiCpus : undefined;
  const [command, argv] =
    pinTo === undefined ? [process.execPath, args] : ['taskset', ['-c', pinTo, process.execPath, ...args]];
  // The API's environment, as far as the threadpool goes: no UV_THREADPOOL_SIZE.
  const child = spawn(command, argv, {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      ...(process.env.LATCHKEY_ARGON2_THREAD
        ? { LATCHKEY_ARGON2_THREAD: process.env.LATCHKEY_ARGON2_THREAD }
        : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) {
    throw new Error(`the argon2id verifier exited with ${code}: ${stderr.trim().slice(0, 500)}`);
  }
  const result = JSON.parse(line) as ChildResult;
  const notes = [
    `@node-rs/argon2 verify alone, in a process ${pinTo === undefined ? 'not pinned' : `pinned to CPU ${pinTo}`}: ` +
      `${options.concurrency} verifications outstanding, one in flight per CPU the process may use, ` +
      `${result.thread === 'inline' ? 'on the event loop’s thread (one CPU)' : 'on libuv’s pool'} ` +
      '(the API’s HashSlots rule)',
  ];
  const cpuMs = result.completed > 0 ? (result.cpuSeconds / result.completed) * 1000 : undefined;
  if (cpuMs !== undefined) {
    notes.push(
      `CPU ≈ ${cpuMs.toFixed(2)} ms per verification; the process kept ` +
        `${Math.round((result.cpuSeconds / result.seconds) * 100)} % of a core busy`,
    );
  }
  if (stderr.trim()) notes.push(`the verifier wrote on stderr: ${stderr.trim().slice(0, 300)}`);
  const measurement: Measurement = {
    label: options.label,
    unit: options.unit,
    throughput: result.completed / result.seconds,
    latencyMs: options.recorder
      ? recorded(options.recorder, result.latenciesMs)
      : summarize(Float64Array.from(result.latenciesMs)),
    completed: result.completed,
    non2xx: 0,
    errors: result.failed,
    notes,
  };
  return cpuMs === undefined ? { measurement } : { measurement, cpuMs };
}

function recorded(recorder: LatencyRecorder, latenciesMs: number[]) {
  for (const ms of latenciesMs) recorder.record(ms);
  return recorder.summary();
}
