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

/**
 * A throughput floor, e.g. `≥ 1,500 grants/s` on one core. Only a row whose every request
 * succeeded can meet it: failures answered fast would count towards the throughput.
 */
export function checkThroughput(ctx: ScenarioContext, m: Measurement, min: number): Measurement {
  const what = `${count(m.throughput)} ${m.unit}, target ≥ ${count(min)} ${m.unit}${failures(m)}`;
  return verdict(ctx, m, m.throughput >= min && clean(m), what);
}

/** A row's throughput as a share of a baseline row's (same unit, same core), e.g. `≥ 70 %`. */
export function checkShare(ctx: ScenarioContext, m: Measurement, baseline: Measurement, min: number) {
  const share = m.throughput / baseline.throughput;
  const what =
    `${percent(share)} of ${baseline.label} (${count(m.throughput)} / ${count(baseline.throughput)} ` +
    `${m.unit}), target ≥ ${percent(min)}${failures(m)}${failures(baseline)}`;
  return verdict(ctx, m, share >= min && clean(m) && clean(baseline), what);
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (share: number) => `${Math.round(share * 100)} %`;
const clean = (m: Measurement) => m.non2xx === 0 && m.errors === 0;
const failures = (m: Measurement) =>
  clean(m) ? '' : ` (${m.label}: ${m.non2xx} non-2xx, ${m.errors} errors: not comparable)`;

function verdict(ctx: ScenarioContext, m: Measurement, met: boolean, what: string): Measurement {
  const note = `${met ? 'PASS' : 'FAIL'}: ${what}`;
  ctx.log(`${m.label}: ${note}`);
  return { ...m, notes: [...m.notes, note] };
}
