import type { Measurement, ScenarioContext } from './scenario.js';

/**
 * Holds a row's p95 to an acceptance limit: the verdict is printed and kept as a note of the row,
 * so the recorded results say whether the target was met, not only the number. A missed target
 * does not fail the run: the numbers are still worth recording.
 */
export function checkP95(ctx: ScenarioContext, m: Measurement, limitMs: number): Measurement {
  const p95 = m.latencyMs?.p95;
  if (p95 === undefined) throw new Error(`${m.label} has no latency to hold to p95 < ${limitMs} ms`);
  return verdict(ctx, m, p95 < limitMs, `p95 ${p95.toFixed(1)} ms, target < ${limitMs} ms`);
}

/** The same for a duration, e.g. a seed held to `< 180 s`. */
export function checkSeconds(ctx: ScenarioContext, m: Measurement, seconds: number, limit: number) {
  return verdict(ctx, m, seconds < limit, `${seconds.toFixed(1)} s, target < ${limit} s`);
}

function verdict(ctx: ScenarioContext, m: Measurement, met: boolean, what: string): Measurement {
  const note = `${met ? 'PASS' : 'FAIL'}: ${what}`;
  ctx.log(`${m.label}: ${note}`);
  return { ...m, notes: [...m.notes, note] };
}
