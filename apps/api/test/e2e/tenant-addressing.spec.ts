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

describe('one issuer per address', () => {
  const discovery = async (host: string, path: string) => {
    const res = await get(host, path);
    return {
      status: res.status,
      body: res.status === 200 ? (JSON.parse(res.body) as Record<string, string>) : {},
    };
  };

  it('is an OpenID Provider on the path prefix, the subdomain and a verified custom domain, each its own issuer', async () => {
    const byPath = await discovery(`127.0.0.1:${port}`, '/t/demo/.well-known/openid-configuration');
    expect(byPath.status).toBe(200);
    // On the path prefix, the issuer is PUBLIC_URL's (the default, http://localhost:PORT), whatever the Host.
    expect(byPath.body.issuer).toBe(`http://localhost:${port}/t/demo`);
    expect(byPath.body.token_endpoint).toBe(`http://localhost:${port}/t/demo/oauth2/token`);

    const bySubdomain = await discovery(`demo.localhost:${port}`, '/.well-known/openid-configuration');
    expect(bySubdomain.body.issuer).toBe(`http://demo.localhost:${port}`);
    expect(bySubdomain.body.authorization_endpoint).toBe(`http://demo.localhost:${port}/oauth2/authorize`);

    const host = 'sso.demo-issuer.test';
    const add = await fetch(`${api.baseUrl}/api/v1/tenants/demo/custom-domains`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platformKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hostname: host }),
    });
    const domain = (await add.json()) as { id: string; verification: { name: string; value: string } };
    // Unverified: no provider answers there.
    expect((await discovery(`${host}:${port}`, '/.well-known/openid-configuration')).status).toBe(404);

    dns.setTxt(domain.verification.name, [domain.verification.value]);
    const verify = await fetch(`${api.baseUrl}/api/v1/tenants/demo/custom-domains/${domain.id}/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platformKey}` },
    });
    expect(verify.status).toBe(200);
    const byDomain = await discovery(`${host}:${port}`, '/.well-known/openid-configuration');
    expect(byDomain.body.issuer).toBe(`http://${host}:${port}`);
    expect(byDomain.body.jwks_uri).toBe(`http://${host}:${port}/.well-known/jwks.json`);

    // The custom domain is demo's alone: another tenant's path prefix there reaches nothing.
    expect((await discovery(`${host}:${port}`, '/t/system/.well-known/openid-configuration')).status).toBe(
      404,
    );
    expect((await get(`${host}:${port}`, '/t/system/login/')).status).toBe(404);

    // Three issuers, one tenant: the same signing keys behind each.
    const keysOf = async (h: string, p: string) =>
      JSON.parse((await get(h, p)).body) as { keys: { kid: string }[] };
    const pathKeys = await keysOf(`127.0.0.1:${port}`, '/t/demo/.well-known/jwks.json');
    expect(pathKeys.keys.length).toBeGreaterThan(0);
    expect(await keysOf(`${host}:${port}`, '/.well-known/jwks.json')).toEqual(pathKeys);
    expect(await keysOf(`demo.localhost:${port}`, '/.well-known/jwks.json')).toEqual(pathKeys);
  });

  it('answers an unknown tenant and an unknown host with 404, never a provider', async () => {
    expect((await discovery(`127.0.0.1:${port}`, '/t/nope/.well-known/openid-configuration')).status).toBe(
      404,
    );
    expect((await discovery(`nope.localhost:${port}`, '/.well-known/openid-configuration')).status).toBe(404);
    expect(
      (await discovery(`unknown.example.test:${port}`, '/.well-known/openid-configuration')).status,
    ).toBe(404);
  });
});
