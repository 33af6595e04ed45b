import { ProcessCpu } from './process-cpu.js';
import type { Measurement } from './scenario.js';
import { LatencyRecorder } from './stats.js';

/** A failed operation that got an HTTP answer: counted under `non2xx`, not `errors`. */
export class UnexpectedStatus extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ClosedLoopOptions {
  label: string;
  /** What one operation is, per second, e.g. `sign-ins/s`. */
  unit: string;
  /** Concurrent workers, each starting its next operation as soon as its last one ended. */
  workers: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** One operation (several requests, or one request with state of its own); throws on failure. */
  operation: (worker: number) => Promise<void>;
  /** The server doing the work: its CPU time over the measured phase is noted per operation. */
  serverPid?: number;
  /** What one operation is called in the notes, e.g. `sign-in` (default `operation`). */
  noun?: string;
  /** Where latencies go; pass one across runs measured in slices to summarize them together. */
  recorder?: LatencyRecorder;
}

export interface ClosedLoopResult {
  measurement: Measurement;
  /** The server's CPU time per completed operation over the measured phase, all its threads. */
  serverCpuMs?: number;
}

/**
 * Closed-loop load for operations autocannon cannot express: multi-request flows, and requests
 * that each need state prepared beforehand (a pending interaction with its own cookies). Every
 * worker runs operations back to back for the warm-up and the measured phase together, with no
 * pause in between; an operation counts (throughput and latency) when it ends inside the measured
 * phase. Once that phase is over no operation starts, and those still running are awaited and
 * discarded.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const recorder = options.recorder ?? new LatencyRecorder();
  const countBefore = recorder.count;
  let non2xx = 0;
  let errors = 0;
  const failures = new Map<string, number>();
  const cpu = options.serverPid === undefined ? undefined : ProcessCpu.of(options.serverPid);
  let cpuAtStart: number | undefined;

  const started = performance.now();
  const measureFrom = started + options.warmupSeconds * 1000;
  const measureTo = measureFrom + options.durationSeconds * 1000;
  const cpuStart = setTimeout(() => {
    cpuAtStart = cpu?.seconds();
  }, measureFrom - started);
  let cpuAtEnd: number | undefined;
  const cpuEnd = setTimeout(
    () => {
      cpuAtEnd = cpu?.seconds();
    },
    Math.max(0, measureTo - performance.now()),
  );

  const worker = async (index: number) => {
    while (performance.now() < measureTo) {
      const begin = performance.now();
      let failure: unknown;
      try {
        await options.operation(index);
      } catch (error) {
        failure = error;
      }
      const end = performance.now();
      if (end < measureFrom || end > measureTo) continue;
      if (failure === undefined) {
        recorder.record(end - begin);
        continue;
      }
      if (failure instanceof UnexpectedStatus) non2xx++;
      else errors++;
      const message = (failure instanceof Error ? failure.message : String(failure)).slice(0, 200);
      failures.set(message, (failures.get(message) ?? 0) + 1);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.workers }, (_, i) => worker(i)));
  } finally {
    clearTimeout(cpuStart);
    clearTimeout(cpuEnd);
  }

  const notes = [...failures].slice(0, 3).map(([message, n]) => `${n} × failed: ${message}`);
  let serverCpuMs: number | undefined;
  const completed = recorder.count - countBefore;
  if (cpuAtStart !== undefined && cpuAtEnd !== undefined && completed > 0) {
    const seconds = cpuAtEnd - cpuAtStart;
    serverCpuMs = (seconds / completed) * 1000;
    notes.push(
      `server CPU ≈ ${serverCpuMs.toFixed(2)} ms per ${options.noun ?? 'operation'}; the process kept ` +
        `${Math.round((seconds / options.durationSeconds) * 100)} % of a core busy`,
    );
  }
  const measurement: Measurement = {
    label: options.label,
    unit: options.unit,
    throughput: completed / options.durationSeconds,
    latencyMs: recorder.summary(),
    completed,
    non2xx,
    errors,
    notes,
  };
  return serverCpuMs === undefined ? { measurement } : { measurement, serverCpuMs };
}
