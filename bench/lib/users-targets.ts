/** F2 acceptance item 8: user search and filtered lists on a million users, p95 under 20 ms. */
export const TARGET_P95_MS = 20;

/**
 * The concurrency the p95 target is held at: one client, so the number is the latency of one
 * request with nothing queued ahead of it. The API runs on one pinned core and spends several
 * milliseconds of CPU on every management request, so in a closed loop of N connections each
 * request waits behind up to N − 1 others: at N = 32 a p95 measures the queue (32 × the service
 * time, Little's law), not the search. The search scenario adds a row at the run's connections
 * to show that throughput and queueing.
 */
export const LATENCY_CONNECTIONS = 1;

/** Seconds of warm-up (bench/lib/warm-up.ts) before the users rows: about 2,000 requests. */
export const WARMUP_SECONDS = 8;

/** "1 connection", "4 connections". */
export function connectionsText(n: number): string {
  return `${n} connection${n === 1 ? '' : 's'}`;
}
