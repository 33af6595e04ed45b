import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Scenario } from './scenario.js';

const SCENARIO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../scenarios');

/**
 * Every `bench/scenarios/*.ts` file's default export, by name. Discovered rather than listed, so a
 * feature adds a scenario by adding one file.
 */
export async function loadScenarios(): Promise<Scenario[]> {
  const files = (await readdir(SCENARIO_DIR)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const mod: { default?: unknown } = await import(pathToFileURL(path.join(SCENARIO_DIR, file)).href);
    if (!isScenario(mod.default)) throw new Error(`bench/scenarios/${file} must default-export a Scenario`);
    if (`${mod.default.name}.ts` !== file) {
      throw new Error(
        `bench/scenarios/${file} exports scenario "${mod.default.name}": name the file after it`,
      );
    }
    scenarios.push(mod.default);
  }
  return scenarios;
}

function isScenario(value: unknown): value is Scenario {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<Record<keyof Scenario, unknown>>;
  return typeof s.name === 'string' && typeof s.description === 'string' && typeof s.run === 'function';
}
