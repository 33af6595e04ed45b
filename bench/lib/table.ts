import type { Measurement } from './scenario.js';

/** One scenario's outcome in a run: its rows, or why it has none. */
export interface ScenarioOutcome {
  scenario: string;
  target?: string;
  measurements: Measurement[];
  /** Set when the scenario failed; its rows (if any) were measured before the failure. */
  error?: string;
  /** Notes about the scenario as a whole (cleanup findings and the like). */
  notes: string[];
}

const HEADERS = ['scenario', 'throughput', 'p50', 'p95', 'p99', 'non-2xx', 'errors', 'target'];
const RIGHT_ALIGNED = new Set([1, 2, 3, 4, 5, 6]);

/** The results as an aligned Markdown table: readable in a terminal and rendered in the docs. */
export function resultsTable(outcomes: ScenarioOutcome[]): string[] {
  const rows: string[][] = [];
  for (const outcome of outcomes) {
    const target = outcome.target ?? 'baseline';
    for (const m of outcome.measurements) {
      rows.push([
        m.label,
        `${Math.round(m.throughput).toLocaleString('en-US')} ${m.unit}`,
        ms(m.latencyMs?.p50),
        ms(m.latencyMs?.p95),
        ms(m.latencyMs?.p99),
        String(m.non2xx),
        String(m.errors),
        target,
      ]);
    }
    if (outcome.error) rows.push([outcome.scenario, 'failed', '', '', '', '', '', target]);
  }
  return alignedTable(HEADERS, rows);
}

/** Every note of a run, one bullet each, prefixed with the row it belongs to. */
export function resultNotes(outcomes: ScenarioOutcome[]): string[] {
  const notes: string[] = [];
  for (const o of outcomes) {
    if (o.error) notes.push(`- ${o.scenario}: failed: ${o.error}`);
    for (const note of o.notes) notes.push(`- ${o.scenario}: ${note}`);
    for (const m of o.measurements) for (const note of m.notes) notes.push(`- ${m.label}: ${note}`);
  }
  return notes;
}

function ms(value: number | undefined): string {
  if (value === undefined) return '–';
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

function alignedTable(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (c: string, i: number) =>
    RIGHT_ALIGNED.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0);
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const dashes = widths.map((w, i) => (RIGHT_ALIGNED.has(i) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(headers), `| ${dashes.join(' | ')} |`, ...rows.map(line)];
}
