#!/usr/bin/env node
// Wrapper around the Prisma 6.19.3 CLI for machines that cannot reach binaries.prisma.sh.
// Use it for every Prisma command (pnpm db:generate / db:migrate:* or `node scripts/prisma.mjs <args>`);
// a bare `npx prisma` bypasses it and fails with `getaddrinfo ENOTFOUND binaries.prisma.sh`.
// See /prisma/engines/README.md.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const standIn = join(root, 'prisma', 'engines', 'stand-in.txt');
const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');

const env = { ...process.env };
// Point both native engines at a committed stand-in file (never run) unless the user chose real ones.
env.PRISMA_SCHEMA_ENGINE_BINARY ||= standIn;
env.PRISMA_QUERY_ENGINE_LIBRARY ||= standIn;
env.CHECKPOINT_DISABLE = '1';
// The datasource needs `url = env("DATABASE_URL")` to resolve, and prisma.config.ts stops Prisma's .env loading.
env.DATABASE_URL ||= 'postgresql://postgres@127.0.0.1:5432/latchkey';

if (!existsSync(cli)) {
  // `pnpm install --prod` skips the CLI (a devDependency): let that install finish without a client.
  if (process.env.npm_lifecycle_event === 'postinstall') {
    console.warn('scripts/prisma.mjs: the prisma CLI is not installed; skipping `prisma generate`.');
    process.exit(0);
  }
  console.error(`scripts/prisma.mjs: ${cli} not found; run pnpm install first.`);
  process.exit(1);
}

const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const forward = (signal) => child.kill(signal);
for (const signal of signals) process.on(signal, forward);
child.on('error', (error) => {
  console.error(`scripts/prisma.mjs: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so callers see what happened to the CLI.
    for (const name of signals) process.off(name, forward);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
