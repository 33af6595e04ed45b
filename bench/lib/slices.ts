import type { Measurement } from './scenario.js';
import { LatencyRecorder } from './stats.js';

/**
 * The slices of one side of a comparison measured in turns with the other side (a drift of the
 * machine then hits both alike), added up into one row: throughput over the slices' total time,
 * latency percentiles over every sample, and the server's CPU per operation where it was known.
 */
export class SliceTotals {
  readonly recorder = new LatencyRecorder();
  private readonly runs: Measurement[] = [];
  private seconds = 0;
  private cpuMs = 0;
  private cpuOperations = 0;

  /** One slice: its measurement, how long it was measured, and the CPU per operation if known. */
  add(measurement: Measurement, seconds: number, cpuMsPerOperation?: number): void {
    this.runs.push(measurement);
    this.seconds += seconds;
    if (cpuMsPerOperation !== undefined) {
      this.cpuMs += cpuMsPerOperation * measurement.completed;
      this.cpuOperations += measurement.completed;
    }
  }

  /**
   * The whole side; `cpuMs` is the CPU per operation over the slices that reported it, and
   * `coreShare` how much of a core the process kept busy then.
   */
  combine(label: string, unit: string): { measurement: Measurement; cpuMs?: number; coreShare?: number } {
    const completed = this.runs.reduce((sum, r) => sum + r.completed, 0);
    const throughputs = this.runs.map((r) => Math.round(r.throughput).toLocaleString('en-US')).join(', ');
    // A slice's own CPU note speaks for one slice only; the combined one replaces it.
    const perSlice = (note: string) => note.startsWith('CPU ≈') || note.startsWith('server CPU ≈');
    const notes = [...new Set(this.runs.flatMap((r) => r.notes.filter((n) => !perSlice(n))))].concat(
      `${this.runs.length} slices, taking turns with the other side: ${throughputs} ${unit}`,
    );
    const measurement: Measurement = {
      label,
      unit,
      throughput: this.seconds > 0 ? completed / this.seconds : 0,
      latencyMs: this.recorder.summary(),
      completed,
      non2xx: this.runs.reduce((sum, r) => sum + r.non2xx, 0),
      errors: this.runs.reduce((sum, r) => sum + r.errors, 0),
      notes,
    };
    if (this.cpuOperations === 0) return { measurement };
    return {
      measurement,
      cpuMs: this.cpuMs / this.cpuOperations,
      coreShare: this.cpuMs / 1000 / this.seconds,
    };
  }
}
