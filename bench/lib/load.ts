import autocannon from 'autocannon';
import type { BenchSettings, Measurement } from './scenario.js';
import { LatencyRecorder } from './stats.js';

export interface LoadOptions {
  /** Full URL of the one request every connection repeats (its path is replaced by `paths`, if given). */
  url: string;
  /**
   * Paths (with query strings) sent in turn, shared by all connections, so consecutive requests ask
   * different things: one repeated query would measure a cache, not the search.
   */
  paths?: readonly string[];
  label: string;
  method?: autocannon.Options['method'];
  headers?: Record<string, string>;
  body?: string;
  /** The status every response should have (a note is added for any other); default any 2xx. */
  expectStatus?: number;
  connections?: number;
  durationSeconds?: number;
  warmupSeconds?: number;
  /** Adds this run's latencies to a recorder shared by several runs; the summary then covers all. */
  recorder?: LatencyRecorder;
}

/**
 * Closed-loop load: `connections` keep-alive connections each send the next request as soon as the
 * previous answer arrives (no pipelining), after an unmeasured warm-up that lets V8 optimise the
 * hot paths and the pools fill.
 */
export async function runLoad(options: LoadOptions, settings: BenchSettings): Promise<Measurement> {
  const connections = options.connections ?? settings.connections;
  const duration = options.durationSeconds ?? settings.durationSeconds;
  const warmup = options.warmupSeconds ?? settings.warmupSeconds;
  // A shared recorder collects the latencies of several slices of one measurement (see oidc-grants).
  const recorder = options.recorder ?? new LatencyRecorder();
  const before = recorder.count;
  let unexpected = 0;
  const isExpected = (status: number) =>
    options.expectStatus === undefined ? status >= 200 && status < 300 : status === options.expectStatus;

  const instance = autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    connections,
    pipelining: 1,
    duration,
    timeout: 10,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.paths?.length ? { requests: [inTurn(options.paths)] } : {}),
    ...(warmup > 0 ? { warmup: { connections, duration: warmup } } : {}),
  });
  // The returned tracker only sees the measured phase; warm-up responses go to another one.
  instance.on('response', (_client, status, _bytes, ms) => {
    recorder.record(ms);
    if (!isExpected(status)) unexpected++;
  });
  const result = await instance;

  const notes: string[] = [];
  if (unexpected > 0) notes.push(`${unexpected} responses with an unexpected status (${codes(result)})`);
  if (result.timeouts > 0) notes.push(`${result.timeouts} timeouts`);
  return {
    label: options.label,
    unit: 'req/s',
    throughput: (recorder.count - before) / result.duration,
    latencyMs: recorder.summary(),
    completed: recorder.count - before,
    non2xx: result.non2xx,
    errors: result.errors,
    notes,
  };
}

/** One request whose path is the next of `paths` on every send, whichever connection sends it. */
function inTurn(paths: readonly string[]): autocannon.Request {
  let next = 0;
  return {
    setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] ?? '/' }),
  };
}

function codes(result: autocannon.Result): string {
  return Object.entries(result.statusCodeStats)
    .map(([code, { count }]) => `${code}: ${count}`)
    .join(', ');
}
