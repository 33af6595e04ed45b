/** Latency summary in milliseconds. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Keeps every sample (sub-millisecond precision) instead of a histogram: autocannon's own
 * histogram has 1 ms buckets and no p95, which is too coarse for endpoints answering in ~1 ms.
 * At tens of thousands of requests per second for a few seconds that is a few MB at most.
 */
export class LatencyRecorder {
  private samples = new Float64Array(1 << 16);
  private size = 0;

  record(ms: number): void {
    if (this.size === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.size++] = ms;
  }

  get count(): number {
    return this.size;
  }

  summary(): Percentiles {
    return summarize(this.samples.subarray(0, this.size));
  }
}

/** Nearest-rank percentiles (no interpolation: every reported value was really observed). */
export function summarize(values: Float64Array): Percentiles {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted[sorted.length - 1] ?? 0,
    mean: sum / sorted.length,
  };
}
