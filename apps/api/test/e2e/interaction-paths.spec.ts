import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { pendingSignIn } from '../support/login-flow.js';
import { ManagementFixture } from '../support/management.js';
import { freePort } from '../support/ports.js';

const PASSWORD = 'correct horse battery staple 42';

/**
 * The interaction API is served ahead of Express on Latchkey's own host and tenant subdomains
 * (oidc-fast-path.ts) and by Express elsewhere (custom domains, hosts a trusted proxy forwards):
 * both must answer every request alike. Loopback is a trusted proxy here, so a request carrying
 * X-Forwarded-Host (the same host) takes the Express path, and one without it the fast path.
 */
describe('the interaction API ahead of Express and through it', () => {
  let db: TestDatabase;
  let api: LatchkeyProcess;
  let fixture: ManagementFixture;
  let app: { clientId: string; clientSecret: string };
  let admin: Awaited<ReturnType<ManagementFixture['tenantWithClient']>>['client'];
  let host: string;

  beforeAll(async () => {
    db = await createTestDatabase('interaction_paths');
    const port = await freePort();
    api = await LatchkeyProcess.startApi(
      { DATABASE_URL: db.url, PUBLIC_URL: `http://127.0.0.1:${port}`, LATCHKEY_TRUST_PROXY: 'loopback' },
      port,
    );
    host = `127.0.0.1:${port}`;
    fixture = ManagementFixture.open(db.url, api.baseUrl);
    const { client } = await fixture.tenantWithClient('paths');
    admin = client;
    const created = await client.request('POST', '/api/v1/tenants/paths/applications', {
      name: 'App',
      type: 'web',
      redirectUris: ['https://app.example.com/cb'],
    });
    app = created.body as { clientId: string; clientSecret: string };
    const user = await client.request('POST', '/api/v1/tenants/paths/users', {
      email: 'ada@example.com',
      password: PASSWORD,
      emailVerified: true,
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
    await api?.stop();
    await db?.drop();
  });

  /** One request on a fresh pending sign-in, by the fast path or by Express; what the client sees. */
  async function ask(
    path: 'fast' | 'express',
    request: (flow: Awaited<ReturnType<typeof pendingSignIn>>) => { url: string; init: RequestInit },
  ) {
    const flow = await pendingSignIn(api.baseUrl, 'paths', app);
    const { url, init } = request(flow);
    const headers = new Headers(init.headers);
    headers.set('cookie', flow.browser.jar.header());
    if (path === 'express') headers.set('x-forwarded-host', host);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    const text = await res.text();
    const body = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      cacheControl: res.headers.get('cache-control'),
      location: res.headers.get('location')?.replace(flow.uid, '{uid}') ?? null,
      frameOptions: res.headers.get('x-frame-options'),
      csp: res.headers.get('content-security-policy'),
      requestId: typeof res.headers.get('x-request-id'),
      type: typeof body === 'object' ? body.type : undefined,
      keys: typeof body === 'object' ? Object.keys(body).sort() : [],
    };
  }

  const cases: Record<string, Parameters<typeof ask>[1]> = {
    'the browser arriving from the authorization endpoint': (flow) => ({
      url: flow.interactionUrl.href,
      init: {},
    }),
    'the details': (flow) => ({ url: `${flow.interactionUrl.href}/details`, init: {} }),
    'a GET of an action': (flow) => ({ url: `${flow.interactionUrl.href}/login`, init: {} }),
    'an unknown action': (flow) => ({
      url: `${flow.interactionUrl.href}/teleport`,
      init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    }),
    'a form post': (flow) => ({
      url: `${flow.interactionUrl.href}/login`,
      init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'identifier=ada' },
    }),
    'malformed JSON': (flow) => ({
      url: `${flow.interactionUrl.href}/login`,
      init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"identifier":' },
    }),
    'a body over the limit': (flow) => ({
      url: `${flow.interactionUrl.href}/login`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: 'x'.repeat(2_000_000), password: 'x' }),
      },
    }),
    'no CSRF token': (flow) => ({
      url: `${flow.interactionUrl.href}/login`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: 'ada@example.com', password: PASSWORD }),
      },
    }),
    'an expired interaction': (flow) => ({
      url: `${flow.interactionUrl.href.replace(flow.uid, 'gone')}/details`,
      init: {},
    }),
  };

  for (const [name, request] of Object.entries(cases)) {
    it(`answers ${name} alike`, async () => {
      const [fast, express] = [await ask('fast', request), await ask('express', request)];
      expect(fast).toEqual(express);
      expect(fast.frameOptions).toBe('DENY');
      expect(fast.requestId).toBe('string');
      if (fast.status >= 400) expect(fast.contentType).toMatch(/^application\/problem\+json/);
    });
  }

  it('signs in alike, with the CSRF token and the right password', async () => {
    const answers = [];
    for (const path of ['fast', 'express'] as const) {
      const flow = await pendingSignIn(api.baseUrl, 'paths', app);
      const headers: Record<string, string> = path === 'express' ? { 'x-forwarded-host': host } : {};
      answers.push(await flow.post('login', { identifier: 'ada@example.com', password: PASSWORD }, headers));
    }
    const [fast, express] = answers;
    expect(fast?.status).toBe(200);
    expect(Object.keys(fast?.body ?? {})).toEqual(['redirectTo']);
    expect(express?.status).toBe(200);
    expect(Object.keys(express?.body ?? {})).toEqual(['redirectTo']);
  });

  it('signs in by username, and refuses a suspended user’s right password as it does a wrong one', async () => {
    const created = await admin.request('POST', '/api/v1/tenants/paths/users', {
      email: 'grace@example.com',
      username: 'Grace',
      password: PASSWORD,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const signIn = async (identifier: string, password: string) =>
      (await pendingSignIn(api.baseUrl, 'paths', app)).post('login', { identifier, password });

    expect((await signIn('grace', PASSWORD)).status).toBe(200);
    const wrong = await signIn('grace', 'not the password');
    const { id } = created.body as { id: string };
    const suspended = await admin.request('PATCH', `/api/v1/tenants/paths/users/${id}`, {
      status: 'suspended',
    });
    expect(suspended.status).toBe(200);
    const refused = await signIn('grace', PASSWORD);
    expect(wrong.status).toBe(401);
    expect({ status: refused.status, type: refused.type, body: refused.body }).toEqual({
      status: wrong.status,
      type: wrong.type,
      body: { ...wrong.body, instance: refused.body.instance, requestId: refused.body.requestId },
    });
  });
});
