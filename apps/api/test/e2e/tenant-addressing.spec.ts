import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess, runToExit } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TestDnsServer } from '../support/dns-server.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;
let api: LatchkeyProcess;
let port: number;
let dns: TestDnsServer;
let platformKey: string;

/** GET with an explicit Host header, as a browser on `demo.localhost` would send. */
function get(host: string, path: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  db = await createTestDatabase('addressing');
  port = await freePort();
  dns = await TestDnsServer.start();
  api = await LatchkeyProcess.startApi(
    { DATABASE_URL: db.url, TENANT_DOMAIN: 'localhost', LATCHKEY_DNS_SERVERS: dns.address },
    port,
  );
  const cli = await runToExit('cli', { DATABASE_URL: db.url }, 60_000, [
    'api-key',
    'create',
    '--tenant',
    'system',
    '--name',
    'addressing',
    '--json',
  ]);
  platformKey = (JSON.parse(cli.stdout) as { key: string }).key;
});

afterAll(async () => {
  await api?.stop();
  await dns?.close();
  await db?.drop();
});

describe('reaching a tenant', () => {
  it('serves the same login app on the path prefix and on the subdomain', async () => {
    const byPath = await get(`127.0.0.1:${port}`, '/t/demo/login/');
    const bySubdomain = await get(`demo.localhost:${port}`, '/login/');
    expect(byPath.status).toBe(200);
    expect(bySubdomain.status).toBe(200);
    expect(bySubdomain.body).toBe(byPath.body);
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(bySubdomain.body)?.[1];
    expect((await get(`demo.localhost:${port}`, `/login/${asset}`)).status).toBe(200);
  });

  it('redirects /login to /login/ on the subdomain too, keeping the query', async () => {
    const res = await get(`demo.localhost:${port}`, '/login?uid=x');
    expect(res.status).toBe(301);
    expect(res.location).toBe('/login/?uid=x');
  });

  it('answers an unknown subdomain with the tenant-not-found problem', async () => {
    const res = await get(`nope.localhost:${port}`, '/login/');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ type: 'https://latchkey.dev/problems/tenant-not-found' });
  });

  it('keeps the API and health endpoints reachable on a tenant subdomain', async () => {
    expect((await get(`demo.localhost:${port}`, '/healthz')).status).toBe(200);
  });
});

describe('custom domains', () => {
  const manage = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${api.baseUrl}/api/v1/tenants/demo/custom-domains${path}`, {
      method,
      headers: {
        authorization: `Bearer ${platformKey}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return {
      status: res.status,
      body: (res.status === 204 ? undefined : await res.json()) as Record<string, never>,
    };
  };

  it('serves the tenant on its own hostname only once a TXT record proves control', async () => {
    const added = await manage('POST', '', { hostname: 'Login.Demo-Customer.TEST.' });
    expect(added.status).toBe(201);
    const domain = added.body as unknown as {
      id: string;
      hostname: string;
      verified: boolean;
      verification: { name: string; value: string };
    };
    expect(domain).toMatchObject({ hostname: 'login.demo-customer.test', verified: false });
    expect(domain.verification.name).toBe('_latchkey-challenge.login.demo-customer.test');

    // Unverified: the hostname serves nothing.
    expect((await get(`login.demo-customer.test:${port}`, '/login/')).status).toBe(404);

    dns.setTxt(domain.verification.name, ['something else']);
    const wrong = await manage('POST', `/${domain.id}/verify`);
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ type: 'https://latchkey.dev/problems/domain-verification-failed' });

    dns.setTxt(domain.verification.name, [domain.verification.value]);
    const verified = await manage('POST', `/${domain.id}/verify`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ verified: true, baseUrl: 'http://login.demo-customer.test' });

    const page = await get(`login.demo-customer.test:${port}`, '/login/');
    expect(page.status).toBe(200);
    expect(page.body).toBe((await get(`127.0.0.1:${port}`, '/t/demo/login/')).body);

    expect((await manage('DELETE', `/${domain.id}`)).status).toBe(204);
    expect((await get(`login.demo-customer.test:${port}`, '/login/')).status).toBe(404);
  });

  it("refuses a hostname another tenant holds, and Latchkey's own", async () => {
    await fetch(`${api.baseUrl}/api/v1/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platformKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'other', displayName: 'Other' }),
    });
    const first = await fetch(`${api.baseUrl}/api/v1/tenants/other/custom-domains`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platformKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hostname: 'auth.shared.test' }),
    });
    expect(first.status).toBe(201);
    expect((await manage('POST', '', { hostname: 'auth.shared.test' })).status).toBe(409);
    expect((await manage('POST', '', { hostname: 'acme.localhost' })).status).toBe(400);
  });
});
