import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/api');
const CLI = path.join(API_DIR, 'dist/cli.js');

/**
 * Creates a management API key with the built CLI (`pnpm latchkey api-key create`), as an operator
 * would. The CLI migrates the database and seeds the built-in tenants first when they are missing,
 * which also makes it the way to prepare an empty database without starting the API.
 */
export async function createApiKey(databaseUrl: string, tenant: string, name = 'bench'): Promise<string> {
  // A private data dir and key, as for the API: the CLI must not touch a developer's ./.data.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-bench-cli-'));
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CLI, 'api-key', 'create', '--tenant', tenant, '--name', name, '--json'],
      {
        cwd: API_DIR,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          DATABASE_URL: databaseUrl,
          LATCHKEY_MASTER_KEY: randomBytes(32).toString('base64'),
          LATCHKEY_DATA_DIR: dataDir,
        },
      },
    );
    const parsed: unknown = JSON.parse(stdout);
    const key = (parsed as { key?: unknown }).key;
    if (typeof key !== 'string') throw new Error(`unexpected CLI output: ${stdout}`);
    return key;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
