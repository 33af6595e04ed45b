import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLatchkeyClient } from '@latchkey/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess, runToExit } from '../support/api-process.js';
import { freePort } from '../support/ports.js';

describe('configuration errors stop the process with one line', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://user:pw@localhost/db' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ LATCHKEY_ARGON2_MEMORY_KIB: '1024' }, 'LATCHKEY_ARGON2_MEMORY_KIB'],
    [{ LATCHKEY_ARGON2_TIME_COST: '1' }, 'LATCHKEY_ARGON2_TIME_COST'],
  ])('%o names %s', async (env, variable) => {
    const { code, stderr, stdout } = await runToExit('main', env);
    expect(code).not.toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(stderr + stdout).not.toContain('pw@');
  });

  it('refuses a separate worker without DATABASE_URL', async () => {
    const { code, stderr } = await runToExit('worker', {});
    expect(code).not.toBe(0);
    expect(stderr.trim()).toMatch(/^Invalid configuration: DATABASE_URL /);
  });
});

describe('zero-setup mode (embedded PostgreSQL, jobs on PostgreSQL)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('starts with no database configured, keeps its data across restarts', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-data-'));
    dirs.push(dataDir);
    const env = {
      LATCHKEY_DATA_DIR: dataDir,
      LATCHKEY_EMBEDDED_DB_PORT: String(await freePort()),
      LATCHKEY_DIAGNOSTICS: 'true',
    };
    const port = await freePort();
    const first = await LatchkeyProcess.startApi(env, port);
    const client = createLatchkeyClient({ baseUrl: first.baseUrl });
    const readiness = await client.readiness();
    expect(readiness.status).toBe('ready');
    expect(readiness.checks).toEqual([
      expect.objectContaining({ name: 'database', backend: 'embedded-postgres', status: 'up' }),
      expect.objectContaining({ name: 'jobs', backend: 'postgres', status: 'up' }),
    ]);
    // The in-process worker runs jobs, also ones enqueued while it idles: NOTIFY cannot wake it on
    // the embedded database, so it polls — a job must not wait for a long blocking timeout.
    for (const probeId of ['before-restart', 'while-idle-1', 'while-idle-2']) {
      await client.diagnostics.createJobProbe({ probeId });
      await first.waitFor(
        async () => (await client.diagnostics.getJobProbe(probeId)).state === 'completed',
        3000,
      );
      await new Promise((r) => setTimeout(r, 500));
    }
    expect((await client.diagnostics.getJobProbe('before-restart')).workerPid).toBe(first.pid);
    const key = await stat(path.join(dataDir, 'master.key'));
    expect(key.mode & 0o077).toBe(0);
    expect(await first.stop()).toBe(0);

    const second = await LatchkeyProcess.startApi(env, port);
    const again = await client.diagnostics.getJobProbe('before-restart');
    expect(again).toMatchObject({ state: 'completed', workerPid: first.pid });
    expect((await fetch(`${second.baseUrl}/t/demo/login/`)).status).toBe(200);
    expect(await second.stop()).toBe(0);
  });
});
