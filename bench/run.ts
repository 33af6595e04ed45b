/**
 * `pnpm bench`: runs the scenarios in bench/scenarios one after another (never in parallel: they
 * would share the machine's cores), prints the results and records them in docs/benchmarks.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchArgs, parseBenchArgs, USAGE } from './lib/args.js';
import { createContext, type OwnedContext } from './lib/context.js';
import { describeMachine } from './lib/machine.js';
import { busyNote, otherCpuLoad } from './lib/machine-load.js';
import { type Pinning, planPinning } from './lib/pinning.js';
import { loadScenarios } from './lib/registry.js';
import { type RunRecord, writeResults } from './lib/results-doc.js';
import { runEndCleanups } from './lib/run-cleanup.js';
import type { Scenario } from './lib/scenario.js';
import { moveLocalServices } from './lib/service-pinning.js';
import { resultNotes, resultsTable, type ScenarioOutcome } from './lib/table.js';

const RESULTS_DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md');

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const all = await loadScenarios();
  if (args.list) {
    for (const s of all)
      console.log(`${s.name.padEnd(26)} ${s.description}${s.target ? ` (target: ${s.target})` : ''}`);
    return 0;
  }
  const selected = select(all, args);
  const date = new Date().toISOString();
  const machine = describeMachine();
  const planned = planPinning(args.pin);
  const pinning = { ...planned, description: `${planned.description}; ${moveLocalServices(planned)}` };
  const { settings } = args;
  console.log(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, commit ${machine.commit}`);
  console.log(`pinning: ${pinning.description}`);
  const { connections, durationSeconds, warmupSeconds } = settings;
  console.log(`load: ${connections} connections, ${durationSeconds} s after ${warmupSeconds} s warm-up\n`);

  const outcomes: ScenarioOutcome[] = [];
  try {
    for (const scenario of selected) outcomes.push(await runScenario(scenario, args, pinning));
  } finally {
    await runEndCleanups();
  }

  console.log('');
  for (const line of [...resultsTable(outcomes), '', ...resultNotes(outcomes)]) console.log(line);
  if (args.write) {
    const run: RunRecord = { date, machine, pinning: pinning.description, settings, outcomes };
    await writeResults(
      RESULTS_DOC,
      run,
      all.map((s) => s.name),
    );
    console.log(`\nresults written to ${path.relative(process.cwd(), RESULTS_DOC)}`);
  }
  return outcomes.some((o) => o.error) ? 1 : 0;
}

function select(all: Scenario[], args: BenchArgs): Scenario[] {
  if (args.only.length === 0) return all;
  const unknown = args.only.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
  }
  return all.filter((s) => args.only.includes(s.name));
}

let current: OwnedContext | undefined;

async function runScenario(scenario: Scenario, args: BenchArgs, pinning: Pinning): Promise<ScenarioOutcome> {
  console.log(`▶ ${scenario.name}: ${scenario.description}`);
  const owned = createContext(args.settings, pinning, scenario.name);
  current = owned;
  const outcome: ScenarioOutcome = {
    scenario: scenario.name,
    ...(scenario.target === undefined ? {} : { target: scenario.target }),
    measurements: [],
    notes: owned.notes, // filled by dispose() below, before the report is printed
  };
  const busy = busyNote(await otherCpuLoad());
  if (busy) {
    owned.notes.push(busy);
    console.warn(`  [${scenario.name}] ${busy}`);
  }
  try {
    outcome.measurements = await scenario.run(owned.ctx);
  } catch (error) {
    outcome.error = error instanceof Error ? error.message : String(error);
    console.error(`  [${scenario.name}] failed: ${outcome.error}`);
  } finally {
    await owned.dispose();
    current = undefined;
  }
  return outcome;
}

// Ctrl-C mid-run: still stop the API child and drop its database before leaving.
process.once('SIGINT', () => {
  console.error('\ninterrupted: cleaning up');
  void (current?.dispose() ?? Promise.resolve()).then(runEndCleanups).finally(() => process.exit(130));
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
