import type { TReadinessCheck } from '@latchkey/contracts';
import { describe, expect, it } from 'vitest';
import { backendLabel, checkLabel, formatLatency, summarizeReadiness } from './readiness-format';

const up = (name: TReadinessCheck['name']): TReadinessCheck => ({
  name,
  backend: 'postgres',
  status: 'up',
  latencyMs: 2,
});
const down = (name: TReadinessCheck['name']): TReadinessCheck => ({
  ...up(name),
  status: 'down',
  error: 'refused',
});

describe('formatLatency', () => {
  it.each([
    [0, '<1 ms'],
    [0.4, '<1 ms'],
    [1, '1 ms'],
    [12.6, '13 ms'],
    [999.4, '999 ms'],
    [1520, '1.5 s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
  });
});

describe('summarizeReadiness', () => {
  it('counts the checks when ready', () => {
    expect(summarizeReadiness({ status: 'ready', checks: [up('database'), up('jobs')] })).toEqual({
      tone: 'success',
      title: 'All systems ready',
      detail: '2 of 2 checks up.',
    });
  });

  it('names what is down when not ready', () => {
    const summary = summarizeReadiness({
      status: 'not_ready',
      checks: [up('database'), down('jobs'), down('redis')],
    });
    expect(summary).toEqual({
      tone: 'danger',
      title: 'Not ready',
      detail: '2 of 3 checks down: Job queue, Redis.',
    });
  });

  it('uses the singular for one check', () => {
    expect(summarizeReadiness({ status: 'not_ready', checks: [down('database')] }).detail).toBe(
      '1 of 1 check down: Database.',
    );
  });

  it('trusts the API when it is not ready without a failed check', () => {
    expect(summarizeReadiness({ status: 'not_ready', checks: [up('database')] }).tone).toBe('danger');
  });

  it('handles a deployment without checks', () => {
    expect(summarizeReadiness({ status: 'ready', checks: [] }).detail).toBe('No dependencies are checked.');
  });
});

describe('labels', () => {
  it('names checks and backends for people', () => {
    expect(checkLabel('jobs')).toBe('Job queue');
    expect(backendLabel('embedded-postgres')).toBe('Embedded PostgreSQL (PGlite)');
  });
});
