import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The e2e suites run the built server as a real process; fail early with the fix if it is missing. */
export default function setup(): void {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');
  if (!existsSync(dist)) {
    throw new Error(
      `${dist} is missing: run \`pnpm build\` (or \`pnpm test\` from the root, which builds first)`,
    );
  }
}
