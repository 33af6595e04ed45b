import type { ApiOptions, ApiServer } from './api-server.js';
import type { LoadOptions } from './load.js';
import type { Pinning } from './pinning.js';
import type { Percentiles } from './stats.js';

/** What every scenario is measured with; set once per run from the command line. */
export interface BenchSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

/** One row of the results table. */
export interface Measurement {
  /** The scenario name, or `name / variant` when a scenario measures several things. */
  label: string;
  /** What `throughput` counts, e.g. `req/s`, `grants/s`. */
  unit: string;
  throughput: number;
  /** Absent for a row that times one long operation rather than many requests (a seed). */
  latencyMs?: Percentiles;
  /** Completed operations in the measured phase (warm-up excluded). */
  completed: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Anything a reader of the numbers must know (unexpected statuses, error log lines…). */
  notes: string[];
}

export interface ScenarioContext {
  settings: BenchSettings;
  pinning: Pinning;
  /** Boots the built API; it is stopped and its database dropped when the scenario ends. */
  startApi(options?: ApiOptions): Promise<ApiServer>;
  /** Keep-alive HTTP load with `settings` (overridable per call). */
  load(options: LoadOptions): Promise<Measurement>;
  /** Registers cleanup to run when the scenario ends, even if it fails (last in, first out). */
  defer(cleanup: () => Promise<void>): void;
  log(message: string): void;
}

export interface Scenario {
  name: string;
  description: string;
  /** The goal the numbers are held to, in words (e.g. `≥ 200 grants/s per core`); none = baseline. */
  target?: string;
  run(ctx: ScenarioContext): Promise<Measurement[]>;
}
