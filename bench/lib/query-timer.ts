import type { Measurement } from './scenario.js';
import { LatencyRecorder } from './stats.js';

export interface TimedLoop {
  label: string;
  /** One operation; `i` counts from 0, to pick the next input. */
  operation(i: number): Promise<void>;
  warmupSeconds: number;
  durationSeconds: number;
}

/**
 * Runs `operation` back to back (one at a time: latency, not throughput under concurrency), first
 * unmeasured for the warm-up, then measured, and summarises it like a load row (unit `queries/s`).
 * For what is measured below HTTP, e.g. queries straight to PostgreSQL.
 */
export async function timeLoop(loop: TimedLoop): Promise<Measurement> {
  let i = 0;
  for (const end = deadline(loop.warmupSeconds); performance.now() < end; ) await loop.operation(i++);
  const recorder = new LatencyRecorder();
  const started = performance.now();
  for (const end = deadline(loop.durationSeconds); performance.now() < end; ) {
    const before = performance.now();
    await loop.operation(i++);
    recorder.record(performance.now() - before);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    label: loop.label,
    unit: 'queries/s',
    throughput: recorder.count / seconds,
    latencyMs: recorder.summary(),
    completed: recorder.count,
    non2xx: 0,
    errors: 0,
    notes: [],
  };
}

function deadline(seconds: number): number {
  return performance.now() + seconds * 1000;
}
