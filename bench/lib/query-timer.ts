import type { Measurement } from './scenario.js';
import { LatencyRecorder } from './stats.js';

export interface TimedVariant {
  label: string;
  /** One operation; `i` counts from 0, the same input for every variant at the same `i`. */
  operation(i: number): Promise<void>;
}

export interface InterleavedRun {
  warmupSeconds: number;
  /** Measured seconds per variant (the loop runs variants × this long). */
  durationSeconds: number;
}

/**
 * Times variants of the same operation one at a time (latency, not concurrency), interleaved: each
 * input goes through every variant before the next input, starting with a different variant each
 * time. Run one after the other, a later variant would find the caches the earlier one warmed and
 * look faster for it. First unmeasured for the warm-up, then measured; each variant becomes a row
 * like a load row (unit `queries/s`: operations per second of that variant's own time).
 */
export async function timeInterleaved(variants: TimedVariant[], run: InterleavedRun): Promise<Measurement[]> {
  const recorders = variants.map(() => new LatencyRecorder());
  const busyMs = variants.map(() => 0);
  let i = 0;
  const pass = async (measured: boolean) => {
    for (let k = 0; k < variants.length; k++) {
      const v = (i + k) % variants.length;
      const before = performance.now();
      await variants[v]?.operation(i);
      const ms = performance.now() - before;
      if (measured) {
        recorders[v]?.record(ms);
        busyMs[v] = (busyMs[v] ?? 0) + ms;
      }
    }
    i++;
  };
  for (const end = deadline(run.warmupSeconds * variants.length); performance.now() < end; )
    await pass(false);
  for (const end = deadline(run.durationSeconds * variants.length); performance.now() < end; )
    await pass(true);
  return variants.map((variant, v) => {
    const recorder = recorders[v] ?? new LatencyRecorder();
    return {
      label: variant.label,
      unit: 'queries/s',
      throughput: recorder.count / ((busyMs[v] ?? 1) / 1000),
      latencyMs: recorder.summary(),
      completed: recorder.count,
      non2xx: 0,
      errors: 0,
      notes: [],
    };
  });
}

function deadline(seconds: number): number {
  return performance.now() + seconds * 1000;
}
