import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const API_PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/api/package.json');

/**
 * The Node flags the API is started with in production (`apps/api`'s start script, e.g. V8's
 * young-generation size), so the benches run the API as deployed. Both sides of a comparison get
 * them: a tuning of the runtime is not Latchkey's advantage over the library.
 */
export function deployedNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(API_PACKAGE, 'utf8')) as { scripts: Record<string, string> };
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) dist\/main\.js$/.exec(scripts.start ?? '');
  if (!match)
    throw new Error(`apps/api's start script is not "node [--flags] dist/main.js": ${scripts.start}`);
  return (match[1] ?? '').split(' ').filter(Boolean);
}
