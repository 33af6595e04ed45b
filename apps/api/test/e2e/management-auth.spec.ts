import { MANAGEMENT_ROUTES } from '@latchkey/contracts';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess, runToExit } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;
let api: LatchkeyProcess;
let platformKey: string;
let demoKey: string;

/** Creates a key through the real CLI, as an operator would; returns the parsed --json output. */
async function cliKey(tenant: string, name: string, extra: string[] = []) {
  const { code, stdout, stderr } = await runToExit(
    'cli',
    { DATABASE_URL: db.url, LATCHKEY_DATA_DIR: '/tmp/latchkey-cli-test' },
    60_000,
    ['api-key', 'create', '--tenant', tenant, '--name', name, '--json', ...extra],
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout) as { key: string; id: string; tenant: string; scope: string };
}

const call = (method: string, path: string, key?: string, body?: unknown) =>
  fetch(`${api.baseUrl}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  db = await createTestDatabase('mgmt');
  api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url }, await freePort());
  platformKey = (await cliKey('system', 'platform ops')).key;
  demoKey = (await cliKey('demo', 'demo backend')).key;
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('pnpm latchkey api-key create', () => {
  it('prints one JSON object with the key and its scope', async () => {
    const created = await cliKey('demo', 'another');
    expect(created).toMatchObject({ tenant: 'demo', scope: 'tenant' });
    expect(created.key).toMatch(/^lk_/);
  });

  it('refuses an unknown tenant with one line and exit code 2', async () => {
    const { code, stderr, stdout } = await runToExit('cli', { DATABASE_URL: db.url }, 60_000, [
      'api-key',
      'create',
      '--tenant',
      'nope',
      '--name',
      'x',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('latchkey: no tenant with the slug "nope"');
  });
});

describe('authentication', () => {
  it.each([
    ['no credential', undefined],
    ['a malformed one', 'not-a-key'],
    ['an unknown key', `lk_${'A'.repeat(16)}_${'b'.repeat(43)}`],
  ])('answers %s with 401 and WWW-Authenticate', async (_label, key) => {
    const res = await call('GET', '/api/v1/tenants/demo', key);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ type: 'https://latchkey.dev/problems/unauthorized' });
  });

  it('refuses a key whose secret is wrong, even with a real key id', async () => {
    const forged = `${demoKey.slice(0, 20)}${'x'.repeat(43)}`;
    expect((await call('GET', '/api/v1/tenants/demo', forged)).status).toBe(401);
  });

  it('refuses a revoked key and an expired one', async () => {
    const created = (await (
      await call('POST', '/api/v1/tenants/demo/api-keys', demoKey, { name: 'short-lived' })
    ).json()) as { id: string; key: string };
    expect((await call('GET', '/api/v1/tenants/demo', created.key)).status).toBe(200);
    expect((await call('DELETE', `/api/v1/tenants/demo/api-keys/${created.id}`, demoKey)).status).toBe(204);
    expect((await call('GET', '/api/v1/tenants/demo', created.key)).status).toBe(401);

    const past = await call('POST', '/api/v1/tenants/demo/api-keys', demoKey, {
      name: 'x',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(((await past.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe('expiresAt');
    const soon = (await (
      await call('POST', '/api/v1/tenants/demo/api-keys', demoKey, {
        name: 'soon',
        expiresAt: new Date(Date.now() + 1500).toISOString(),
      })
    ).json()) as { key: string };
    expect((await call('GET', '/api/v1/tenants/demo', soon.key)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await call('GET', '/api/v1/tenants/demo', soon.key)).status).toBe(401);
  });

  it('lists keys without their secrets and records their last use', async () => {
    const res = await call('GET', '/api/v1/tenants/demo/api-keys', demoKey);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(demoKey.slice(21));
    const list = JSON.parse(body) as {
      data: Array<{ name: string; prefix: string; lastUsedAt: string | null }>;
    };
    const mine = list.data.find((k) => k.name === 'demo backend');
    expect(demoKey.startsWith(mine?.prefix ?? '-')).toBe(true);
    expect(mine?.lastUsedAt).not.toBeNull();
  });
});

describe('scopes', () => {
  it('lets a platform key create, list and update tenants', async () => {
    const created = await call('POST', '/api/v1/tenants', platformKey, { slug: 'acme', displayName: 'Acme' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      slug: 'acme',
      displayName: 'Acme',
      status: 'active',
      isSystem: false,
    });
    const again = await call('POST', '/api/v1/tenants', platformKey, { slug: 'acme', displayName: 'Acme 2' });
    expect(again.status).toBe(409);
    const list = (await (await call('GET', '/api/v1/tenants?q=ACM', platformKey)).json()) as {
      data: Array<{ slug: string }>;
    };
    expect(list.data.map((t: { slug: string }) => t.slug)).toEqual(['acme']);
    const updated = await call('PATCH', '/api/v1/tenants/acme', platformKey, { displayName: 'Acme Inc.' });
    expect(await updated.json()).toMatchObject({ displayName: 'Acme Inc.' });
  });

  it('pages through tenants without gaps or repeats', async () => {
    for (const slug of ['page-a', 'page-b', 'page-c']) {
      await call('POST', '/api/v1/tenants', platformKey, { slug, displayName: slug });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await call(
        'GET',
        `/api/v1/tenants?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        platformKey,
      );
      const body = (await res.json()) as { data: Array<{ slug: string }>; nextCursor?: string };
      seen.push(...body.data.map((t) => t.slug));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['acme', 'demo', 'page-a', 'page-b', 'page-c', 'system']));
  });

  it('refuses tenant creation and listing to a tenant key with 403', async () => {
    const res = await call('POST', '/api/v1/tenants', demoKey, { slug: 'evil', displayName: 'Evil' });
    expect(res.status).toBe(403);
    expect((await call('GET', '/api/v1/tenants', demoKey)).status).toBe(403);
    expect((await call('GET', '/api/v1/tenants/evil', platformKey)).status).toBe(404);
  });

  it("answers a tenant key on another tenant's path with 404, like a tenant that does not exist", async () => {
    const other = await call('GET', '/api/v1/tenants/acme', demoKey);
    const missing = await call('GET', '/api/v1/tenants/no-such-tenant', demoKey);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const [a, b] = [(await other.json()) as object, (await missing.json()) as object];
    expect({ ...a, instance: undefined, requestId: undefined }).toEqual({
      ...b,
      instance: undefined,
      requestId: undefined,
    });
  });

  it('lets a tenant key tune its own settings but not its status', async () => {
    const before = (await (await call('GET', '/api/v1/tenants/demo', demoKey)).json()) as {
      settings: { passwordPolicy: { minLength: number; minStrength: number }; locales: { default: string } };
    };
    expect(before.settings.passwordPolicy).toMatchObject({ minLength: 12, minStrength: 3 });
    const res = await call('PATCH', '/api/v1/tenants/demo', demoKey, {
      settings: {
        passwordPolicy: { minLength: 16 },
        attributeSchema: { plan: { type: 'string', enum: ['free', 'pro'] } },
      },
    });
    expect(res.status).toBe(200);
    const after = (await res.json()) as typeof before & { settings: { attributeSchema: object } };
    expect(after.settings.passwordPolicy).toEqual({ ...before.settings.passwordPolicy, minLength: 16 });
    expect(after.settings.attributeSchema).toEqual({
      plan: { type: 'string', enum: ['free', 'pro'], required: false },
    });

    expect((await call('PATCH', '/api/v1/tenants/demo', demoKey, { status: 'suspended' })).status).toBe(403);
    const invalid = await call('PATCH', '/api/v1/tenants/demo', demoKey, {
      settings: { locales: { default: 'it' } },
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(
      ['settings.locales.default'],
    );
  });

  it('suspends a tenant: its own keys and its login page stop working, platform keys still reach it', async () => {
    await call('POST', '/api/v1/tenants', platformKey, { slug: 'frozen', displayName: 'Frozen' });
    const frozenKey = (
      (await (await call('POST', '/api/v1/tenants/frozen/api-keys', platformKey, { name: 'k' })).json()) as {
        key: string;
      }
    ).key;
    expect((await call('PATCH', '/api/v1/tenants/frozen', platformKey, { status: 'suspended' })).status).toBe(
      200,
    );
    const refused = await call('GET', '/api/v1/tenants/frozen', frozenKey);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ type: 'https://latchkey.dev/problems/tenant-suspended' });
    expect((await fetch(`${api.baseUrl}/t/frozen/login/`)).status).toBe(403);
    expect((await call('GET', '/api/v1/tenants/frozen', platformKey)).status).toBe(200);
  });

  it('protects the system tenant from suspension', async () => {
    const res = await call('PATCH', '/api/v1/tenants/system', platformKey, { status: 'suspended' });
    expect(res.status).toBe(409);
  });

  it('validates bodies with field paths', async () => {
    const res = await call('POST', '/api/v1/tenants', platformKey, { slug: 'Not A Slug', displayName: '' });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['displayName', 'slug']);
  });
});

describe('OpenAPI document', () => {
  it('validates as OpenAPI 3.1 with a third-party validator', async () => {
    const res = await fetch(`${api.baseUrl}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(MANAGEMENT_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('documents only routes that exist: each answers 401 without a credential, never 404', async () => {
    for (const route of MANAGEMENT_ROUTES) {
      const path = route.path
        .replace('{tenant}', 'demo')
        .replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await call(route.method, path);
      expect(`${route.method} ${route.path} → ${res.status}`).toBe(`${route.method} ${route.path} → 401`);
    }
  });
});
