import { type ApiOptions, startApi } from './api-server.js';
import { type LoadOptions, runLoad } from './load.js';
import type { Pinning } from './pinning.js';
import type { BenchSettings, Measurement, ScenarioContext } from './scenario.js';

/** A scenario's context plus the cleanup the runner owes it once the scenario is over. */
export interface OwnedContext {
  ctx: ScenarioContext;
  /** Notes collected during cleanup (e.g. error lines the API logged), for the report. */
  notes: string[];
  dispose(): Promise<void>;
}

export function createContext(settings: BenchSettings, pinning: Pinning, scenario: string): OwnedContext {
  const cleanups: Array<() => Promise<void>> = [];
  const notes: string[] = [];
  const log = (message: string) => console.log(`  [${scenario}] ${message}`);

  const ctx: ScenarioContext = {
    settings,
    pinning,
    defer: (cleanup) => {
      cleanups.push(cleanup);
    },
    log,
    load: (options: LoadOptions): Promise<Measurement> => {
      log(`load: ${options.method ?? 'GET'} ${new URL(options.url).pathname} (${options.label})`);
      return runLoad(options, settings);
    },
    startApi: async (options: ApiOptions = {}) => {
      const api = await startApi(options, pinning);
      const pinned = api.pinnedTo === undefined ? '' : `, pinned to CPU ${api.pinnedTo}`;
      log(`API pid ${api.pid} on ${api.url}${pinned}`);
      cleanups.push(async () => {
        const { errorLines, logFile } = await api.stop();
        // An API logging errors under load means the numbers describe a failing server.
        if (errorLines > 0) notes.push(`the API logged ${errorLines} error lines (kept in ${logFile})`);
      });
      return api;
    },
  };

  return {
    ctx,
    notes,
    dispose: async () => {
      // Every cleanup runs even if an earlier one fails: a stuck child must not leak a database.
      for (const cleanup of cleanups.splice(0).reverse()) {
        await cleanup().catch((error: unknown) => {
          console.error(`  [${scenario}] cleanup failed: ${String(error)}`);
        });
      }
    },
  };
}
