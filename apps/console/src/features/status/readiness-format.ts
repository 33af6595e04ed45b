import type { TBackendKind, TReadinessCheckName, TReadinessResponse } from '@latchkey/contracts';

const checkLabels: Record<TReadinessCheckName, string> = {
  database: 'Database',
  jobs: 'Job queue',
  redis: 'Redis',
};

const backendLabels: Record<TBackendKind, string> = {
  'embedded-postgres': 'Embedded PostgreSQL (PGlite)',
  postgres: 'PostgreSQL',
  redis: 'Redis',
};

export const checkLabel = (name: TReadinessCheckName): string => checkLabels[name];
export const backendLabel = (kind: TBackendKind): string => backendLabels[kind];

/** `0.4` → `<1 ms`, `12.6` → `13 ms`, `1520` → `1.5 s`: the precision an operator needs, no more. */
export function formatLatency(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export interface TReadinessSummary {
  tone: 'success' | 'danger';
  title: string;
  detail: string;
}

/** One line for the banner above the checks; it names what is down so nobody has to scan cards. */
export function summarizeReadiness(readiness: TReadinessResponse): TReadinessSummary {
  const total = readiness.checks.length;
  const down = readiness.checks.filter((check) => check.status === 'down');
  const upCount = total - down.length;

  if (readiness.status === 'ready') {
    return {
      tone: 'success',
      title: 'All systems ready',
      detail:
        total === 0 ? 'No dependencies are checked.' : `${upCount} of ${total} ${plural(total, 'check')} up.`,
    };
  }
  if (down.length === 0) {
    // The API decides readiness; say so rather than contradict it with our own count.
    return {
      tone: 'danger',
      title: 'Not ready',
      detail: 'The API reports it is not ready, though no check is down.',
    };
  }
  const names = down.map((check) => checkLabel(check.name)).join(', ');
  return {
    tone: 'danger',
    title: 'Not ready',
    detail: `${down.length} of ${total} ${plural(total, 'check')} down: ${names}.`,
  };
}

const plural = (count: number, noun: string): string => (count === 1 ? noun : `${noun}s`);
