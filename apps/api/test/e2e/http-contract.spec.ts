import { createLatchkeyClient } from '@latchkey/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;
let api: LatchkeyProcess;

beforeAll(async () => {
  db = await createTestDatabase('http');
  const port = await freePort();
  api = await LatchkeyProcess.startApi(
    { DATABASE_URL: db.url, LATCHKEY_DIAGNOSTICS: 'true', PUBLIC_URL: `http://127.0.0.1:${port}` },
    port,
  );
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const problemOf = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as Record<string, unknown>;
};

/** The request was logged (the access line lands just after the response), never as an error with a stack. */
const noStackLoggedFor = async (requestId: string | null) => {
  const linesOf = () => api.logs.filter((l) => JSON.stringify(l).includes(String(requestId)));
  await expect.poll(() => linesOf().length).toBeGreaterThan(0);
  const lines = linesOf();
  for (const line of lines) {
    expect(line.level).toBeLessThan(50);
    expect(JSON.stringify(line)).not.toMatch(/"stack"|\n\s+at /);
  }
};

describe('health', () => {
  it('answers /healthz through the typed SDK', async () => {
    const health = await createLatchkeyClient({ baseUrl: api.baseUrl }).health();
    expect(health.status).toBe('ok');
  });

  it('answers /readyz naming the database and job backend', async () => {
    const readiness = await createLatchkeyClient({ baseUrl: api.baseUrl }).readiness();
    expect(readiness.status).toBe('ready');
    expect(readiness.checks).toEqual([
      expect.objectContaining({ name: 'database', backend: 'postgres', status: 'up' }),
      expect.objectContaining({ name: 'jobs', backend: 'postgres', status: 'up' }),
    ]);
  });
});

describe('errors are problem+json', () => {
  it('answers an unknown route with 404', async () => {
    const res = await fetch(`${api.baseUrl}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    const problem = await problemOf(res);
    expect(problem).toMatchObject({
      type: 'https://latchkey.dev/problems/not-found',
      status: 404,
      instance: '/api/v1/nothing-here',
    });
    expect(problem.requestId).toBe(res.headers.get('x-request-id'));
    await noStackLoggedFor(res.headers.get('x-request-id'));
  });

  it('answers malformed JSON with 400', async () => {
    const res = await fetch(`${api.baseUrl}/api/v1/diagnostics/job-probes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"workMs": 1,',
    });
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({ type: 'https://latchkey.dev/problems/malformed-json' });
    await noStackLoggedFor(res.headers.get('x-request-id'));
  });

  it('answers a 2 MB body with 413 without reading it into a route', async () => {
    const res = await fetch(`${api.baseUrl}/api/v1/diagnostics/job-probes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await problemOf(res)).toMatchObject({ type: 'https://latchkey.dev/problems/payload-too-large' });
    await noStackLoggedFor(res.headers.get('x-request-id'));
  });

  it('lists every failing field path on validation errors', async () => {
    const res = await fetch(`${api.baseUrl}/api/v1/diagnostics/job-probes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ probeId: 'no spaces allowed', workMs: -5 }),
    });
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.type).toBe('https://latchkey.dev/problems/validation-failed');
    expect((problem.errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual([
      'probeId',
      'workMs',
    ]);
  });

  it('keeps a well-formed client request id and rejects a forged one', async () => {
    const kept = await fetch(`${api.baseUrl}/healthz`, { headers: { 'x-request-id': 'trace-1234567' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-1234567');
    const replaced = await fetch(`${api.baseUrl}/healthz`, { headers: { 'x-request-id': 'a\tb' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs authorization headers', async () => {
    const res = await fetch(`${api.baseUrl}/api/v1/nothing?code=supersecretcode`, {
      headers: { authorization: 'Bearer lk_do_not_log_me', cookie: 'session=do-not-log' },
    });
    expect(res.status).toBe(404);
    const all = JSON.stringify(api.logs);
    expect(all).not.toMatch(/lk_do_not_log_me|do-not-log|supersecretcode/);
  });
});

describe('hosted apps', () => {
  it('serves the console app with security headers', async () => {
    const res = await fetch(`${api.baseUrl}/console/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).toMatch(/<div id="root">/);
  });

  it('serves the login app for an existing tenant only', async () => {
    const demo = await fetch(`${api.baseUrl}/t/demo/login/`);
    expect(demo.status).toBe(200);
    const html = await demo.text();
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${api.baseUrl}/t/demo/login/${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');

    const unknown = await fetch(`${api.baseUrl}/t/no-such-tenant/login/`);
    expect(unknown.status).toBe(404);
    expect(await problemOf(unknown)).toMatchObject({
      type: 'https://latchkey.dev/problems/tenant-not-found',
    });
  });

  it('adds the trailing slash the relative asset URLs need, keeping the query', async () => {
    const res = await fetch(`${api.baseUrl}/t/demo/login?uid=abc`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/t/demo/login/?uid=abc');
  });

  it('refuses path traversal out of the asset folder', async () => {
    const res = await fetch(`${api.baseUrl}/console/assets/..%2F..%2F..%2Fpackage.json`);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('"name"');
  });
});

describe('OIDC machine endpoints (served ahead of Express)', () => {
  it('answer with the request id, the security headers and an access line, like every route', async () => {
    const res = await fetch(`${api.baseUrl}/t/demo/oauth2/token?code=supersecretcode`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('no-such-client:do-not-log').toString('base64')}`,
        'x-request-id': 'token-req-1234',
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
    expect(res.headers.get('x-request-id')).toBe('token-req-1234');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    await noStackLoggedFor('token-req-1234');
    const line = api.logs.find((l) => JSON.stringify(l).includes('token-req-1234')) as Record<
      string,
      unknown
    >;
    expect(line).toMatchObject({
      msg: 'request completed',
      req: { id: 'token-req-1234', method: 'POST' },
      res: { statusCode: 401 },
    });
    expect(JSON.stringify(api.logs)).not.toMatch(/supersecretcode|do-not-log/);
  });

  it('serve discovery and keys for a tenant', async () => {
    const discovery = await fetch(`${api.baseUrl}/t/demo/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const metadata = (await discovery.json()) as { issuer: string; jwks_uri: string };
    expect(metadata.issuer).toBe(`${api.baseUrl}/t/demo`);
    const jwks = await fetch(metadata.jwks_uri);
    expect(((await jwks.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
  });

  it('leave an unknown tenant to the usual problem answer', async () => {
    const res = await fetch(`${api.baseUrl}/t/no-such-tenant/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(404);
    expect((await problemOf(res)).type).toMatch(/tenant-not-found$/);
  });
});
