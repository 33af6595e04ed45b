import { parseArgs } from 'node:util';
import type { BenchSettings } from './scenario.js';

export interface BenchArgs {
  settings: BenchSettings;
  /** Scenario names to run; empty = all. */
  only: string[];
  pin: boolean;
  /** Rewrite the generated section of docs/benchmarks.md. */
  write: boolean;
  list: boolean;
  help: boolean;
}

export const USAGE = `Usage: pnpm bench [options]
  --only <name>        run only this scenario (repeat, or separate names with commas)
  --duration <s>       measured seconds per load run (default 10)
  --warmup <s>         unmeasured warm-up seconds before each load run (default 2; 0 = none)
  --connections <n>    keep-alive connections (default 32)
  --no-pin             do not pin the API to one CPU with taskset
  --no-write           print the results only; leave docs/benchmarks.md alone
  --list               list the scenarios and exit`;

export function parseBenchArgs(argv: string[]): BenchArgs {
  // `pnpm bench -- --only x` passes the `--` through; parseArgs would stop reading options there.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      only: { type: 'string', multiple: true },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'no-pin': { type: 'boolean' },
      'no-write': { type: 'boolean' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return {
    settings: {
      durationSeconds: positive('--duration', values.duration, 10),
      warmupSeconds: positive('--warmup', values.warmup, 2, true),
      connections: Math.round(positive('--connections', values.connections, 32)),
    },
    only: (values.only ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean),
    pin: values['no-pin'] !== true,
    write: values['no-write'] !== true,
    list: values.list === true,
    help: values.help === true,
  };
}

function positive(flag: string, raw: string | undefined, fallback: number, zeroAllowed = false): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
    throw new Error(`${flag} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number, got "${raw}"`);
  }
  return value;
}
