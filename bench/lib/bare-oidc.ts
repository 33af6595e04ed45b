import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { deployedNodeFlags } from './deployed-node-flags.js';
import type { Pinning } from './pinning.js';
import { freePort } from './ports.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bare-oidc-provider.mjs');
const START_TIMEOUT_MS = 30_000;

/** What bare-oidc-provider.mjs is started with (its one JSON argument, plus the port it adds). */
export interface BareProviderInput {
  m2m: { clientId: string; clientSecret: string };
  web: { clientId: string; clientSecret: string; redirectUri: string };
  /** The API resource's identifier and its permissions. */
  resource: string;
  permissions: string[];
  /** The user the refresh token is minted for. */
  accountId: string;
  email: string;
}

export interface BareProvider {
  issuer: string;
  refreshToken: string;
  pid: number;
  pinnedTo?: string;
  /** Stops the process; returns the lines it wrote on stderr (server errors), start-up warnings aside. */
  stop(): Promise<string>;
}

/**
 * Starts the bare oidc-provider in a process of its own, on the API's CPU when pinning is on, so
 * both sides of the comparison get the same core, and resolves once it listens.
 */
export async function startBareProvider(input: BareProviderInput, pinning: Pinning): Promise<BareProvider> {
  const port = await freePort();
  // BENCH_API_NODE_ARGS (e.g. --cpu-prof) applies to both sides of the comparison.
  const nodeArgs = [
    ...deployedNodeFlags(),
    ...(process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
  const args = [...nodeArgs, SCRIPT, JSON.stringify({ ...input, port })];
  const pinTo = pinning.enabled ? pinning.apiCpus : undefined;
  const [command, argv] =
    pinTo === undefined ? [process.execPath, args] : ['taskset', ['-c', pinTo, process.execPath, ...args]];
  const child = spawn(command, argv, {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  try {
    const ready = await firstLine(child, () => stderr);
    // Nothing more is read from stdout: let it drain so the child never blocks on a full pipe.
    child.stdout?.resume();
    const { issuer, refreshToken } = JSON.parse(ready) as { issuer: string; refreshToken: string };
    return {
      issuer,
      refreshToken,
      pid: child.pid ?? -1,
      ...(pinTo === undefined ? {} : { pinnedTo: pinTo }),
      stop: async () => {
        await terminate(child);
        // oidc-provider warns at start that this Node is not its preferred LTS: not an error.
        return stderr
          .split('\n')
          .filter((line) => line.trim() !== '' && !line.startsWith('oidc-provider WARNING'))
          .join('\n');
      },
    };
  } catch (error) {
    await terminate(child);
    throw error;
  }
}

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const timer = setTimeout(
      () => fail(new Error(`the bare provider did not start in ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      lines.close();
      reject(error);
    };
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) =>
      fail(new Error(`the bare provider exited (${code}) at start:\n${stderr()}`)),
    );
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
