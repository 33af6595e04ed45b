import { randomUUID } from 'node:crypto';
import {
  type TApplicationApiAccess,
  ZApplicationApiAccess,
  ZApplicationApiAccessList,
} from '@latchkey/contracts';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { applicationsOfNewTenant } from '../support/applications.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { errorPaths, ManagementFixture, problemCode, problemOf } from '../support/management.js';
import { ok } from '../support/organizations.js';
import { freePort } from '../support/ports.js';

/**
 * API access of m2m applications (Auth0's client grants): an m2m application gets client_credentials
 * tokens only for the API resources it was granted, carrying only the granted permissions it asks
 * for; every change reaches the token endpoint at once (ChangeBus over Redis).
 */
let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;

beforeAll(async () => {
  db = await createTestDatabase('api_access');
  const port = await freePort();
  api = await LatchkeyProcess.startApi(
    {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      LATCHKEY_REDIS_PREFIX: `access-${randomUUID().slice(0, 8)}`,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    port,
  );
  fixture = ManagementFixture.open(db.url, api.baseUrl);
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

const INVOICES = 'https://api.example.com/invoices';
const LEDGER = 'https://api.example.com/ledger';
const MISSING = '00000000-0000-4000-8000-000000000000';

/** A new tenant with two API resources (three and one permissions) and an m2m application. */
async function tenantWithApis(slug: string) {
  const t = await applicationsOfNewTenant(fixture, slug);
  const resource = async (identifier: string, permissions: string[]) => {
    const { id } = ok(
      await t.request('POST', '/api-resources', { identifier, name: identifier.split('/').at(-1) }),
      201,
    ) as { id: string };
    const ids: Record<string, string> = {};
    for (const name of permissions) {
      ids[name] = (
        ok(await t.request('POST', `/api-resources/${id}/permissions`, { name }), 201) as {
          id: string;
        }
      ).id;
    }
    return { id, permissionIds: ids };
  };
  const invoices = await resource(INVOICES, ['read:invoices', 'write:invoices', 'delete:invoices']);
  const ledger = await resource(LEDGER, ['read:ledger']);
  const app = await t.create({ name: 'Nightly sync', type: 'm2m' });
  const config = await oidc.discovery(
    new URL(`${api.baseUrl}/t/${slug}`),
    app.clientId,
    undefined,
    oidc.ClientSecretBasic(app.clientSecret as string),
    { execute: [oidc.allowInsecureRequests] },
  );
  const access = (path = '') => `/applications/${app.id}/api-access${path}`;
  return {
    ...t,
    app,
    invoices,
    ledger,
    access,
    grant: async (resourceId: string, permissions: string[]): Promise<TApplicationApiAccess> =>
      ZApplicationApiAccess.parse(ok(await t.request('PUT', access(`/${resourceId}`), { permissions }), 200)),
    list: async () => ZApplicationApiAccessList.parse(ok(await t.request('GET', access()), 200)).data,
    /** The claims of a client_credentials token for `resource`, asking for `scope`. */
    token: async (resource: string, scope?: string) => {
      const tokens = await oidc.clientCredentialsGrant(config, { resource, ...(scope ? { scope } : {}) });
      return decodeJwt(tokens.access_token);
    },
  };
}

const ALL_INVOICES = 'read:invoices write:invoices delete:invoices';

describe('client_credentials tokens for API resources', () => {
  it('are refused until the application is granted the API, then carry only the granted permissions asked for', async () => {
    const t = await tenantWithApis('access-grant');
    await expect(t.token(INVOICES, ALL_INVOICES)).rejects.toMatchObject({
      error: 'invalid_target',
      error_description: 'this application is not authorized for this API',
    });

    const granted = await t.grant(t.invoices.id, ['write:invoices', 'read:invoices']);
    expect(granted).toEqual({
      resource: { id: t.invoices.id, identifier: INVOICES, name: 'invoices' },
      permissions: ['read:invoices', 'write:invoices'],
    });
    // The next token request sees the grant (no waiting for a cache to expire).
    const claims = await t.token(INVOICES, ALL_INVOICES);
    expect(claims).toMatchObject({ aud: INVOICES, client_id: t.app.clientId, sub: t.app.clientId });
    expect(claims.scope).toBe('read:invoices write:invoices');
    expect(claims.permissions).toEqual(['read:invoices', 'write:invoices']);
    // scope ∩ granted: asking for less gets less; asking for nothing gets no permission.
    expect((await t.token(INVOICES, 'read:invoices delete:invoices')).permissions).toEqual(['read:invoices']);
    expect((await t.token(INVOICES)).permissions).toEqual([]);

    // Another API of the tenant stays refused.
    await expect(t.token(LEDGER, 'read:ledger')).rejects.toMatchObject({ error: 'invalid_target' });
    expect(await t.list()).toEqual([granted]);
  });

  it('an empty grant authorizes the audience with no permission', async () => {
    const t = await tenantWithApis('access-empty');
    expect((await t.grant(t.ledger.id, [])).permissions).toEqual([]);
    const claims = await t.token(LEDGER, 'read:ledger');
    expect(claims.aud).toBe(LEDGER);
    expect(claims.permissions).toEqual([]);
    expect(claims.scope).toBeUndefined();
  });

  it('follow every change at once: narrowed, revoked, a permission or the API deleted', async () => {
    const t = await tenantWithApis('access-changes');
    await t.grant(t.invoices.id, ['read:invoices', 'write:invoices', 'delete:invoices']);
    await t.grant(t.ledger.id, ['read:ledger']);
    expect((await t.token(INVOICES, ALL_INVOICES)).permissions).toHaveLength(3);

    // PUT replaces: the next token has only what is left.
    await t.grant(t.invoices.id, ['read:invoices', 'write:invoices']);
    expect((await t.token(INVOICES, ALL_INVOICES)).permissions).toEqual(['read:invoices', 'write:invoices']);

    // Deleting a permission takes it out of every grant.
    const write = t.invoices.permissionIds['write:invoices'];
    ok(await t.request('DELETE', `/api-resources/${t.invoices.id}/permissions/${write}`), 204);
    expect((await t.list()).find((a) => a.resource.id === t.invoices.id)?.permissions).toEqual([
      'read:invoices',
    ]);
    expect((await t.token(INVOICES, ALL_INVOICES)).permissions).toEqual(['read:invoices']);

    // Revoked: the very next token request is refused.
    ok(await t.request('DELETE', t.access(`/${t.invoices.id}`)), 204);
    await expect(t.token(INVOICES, ALL_INVOICES)).rejects.toMatchObject({
      error: 'invalid_target',
      error_description: 'this application is not authorized for this API',
    });
    // Revoking again changes nothing and is no error.
    ok(await t.request('DELETE', t.access(`/${t.invoices.id}`)), 204);

    // Deleting the API takes its grants along.
    expect((await t.token(LEDGER, 'read:ledger')).permissions).toEqual(['read:ledger']);
    ok(await t.request('DELETE', `/api-resources/${t.ledger.id}`), 204);
    expect(await t.list()).toEqual([]);
    await expect(t.token(LEDGER, 'read:ledger')).rejects.toMatchObject({ error: 'invalid_target' });
  });
});

describe('the api-access routes', () => {
  it('name each permission that is not one of the resource, and change nothing', async () => {
    const t = await tenantWithApis('access-validation');
    await t.grant(t.invoices.id, ['read:invoices']);
    const refused = await t.request('PUT', t.access(`/${t.invoices.id}`), {
      permissions: ['write:invoices', 'read:ledger', 'write:invoices', 'steal:invoices'],
    });
    expect(refused.status).toBe(400);
    expect(errorPaths(refused)).toEqual(['permissions[1]', 'permissions[3]']);
    expect(problemOf(refused).errors?.[0]).toMatchObject({ code: 'not_found' });
    // Malformed bodies fail on the contract, with paths too.
    expect(
      errorPaths(await t.request('PUT', t.access(`/${t.invoices.id}`), { permissions: ['Read All'] })),
    ).toEqual(['permissions[0]']);
    expect(errorPaths(await t.request('PUT', t.access(`/${t.invoices.id}`), {}))).toEqual(['permissions']);
    expect(
      (await t.request('PUT', t.access(`/${t.invoices.id}`), { permissions: [], scope: 'x' })).status,
    ).toBe(400);
    expect(await t.list()).toEqual([
      {
        resource: { id: t.invoices.id, identifier: INVOICES, name: 'invoices' },
        permissions: ['read:invoices'],
      },
    ]);
  });

  it('refuse applications of other types, which get permissions from the user instead', async () => {
    const t = await tenantWithApis('access-types');
    const web = await t.create({
      name: 'Portal',
      type: 'web',
      redirectUris: ['https://portal.example.com/cb'],
    });
    const put = await t.request('PUT', `/applications/${web.id}/api-access/${t.invoices.id}`, {
      permissions: ['read:invoices'],
    });
    expect(put.status).toBe(409);
    expect(problemCode(put)).toBe('application-not-m2m');
    expect(problemOf(put).detail).toMatch(/granted to m2m applications/);
    const del = await t.request('DELETE', `/applications/${web.id}/api-access/${t.invoices.id}`);
    expect(problemCode(del)).toBe('application-not-m2m');
    expect(ok(await t.request('GET', `/applications/${web.id}/api-access`), 200)).toEqual({ data: [] });
  });

  it('grant a web application registered for token exchange an API, without permissions', async () => {
    const t = await tenantWithApis('access-exchange');
    const backEnd = await t.create({
      name: 'Invoices back end',
      type: 'web',
      redirectUris: ['https://invoices.example.com/cb'],
      grantTypes: ['authorization_code', 'urn:ietf:params:oauth:grant-type:token-exchange'],
    });
    const path = `/applications/${backEnd.id}/api-access/${t.invoices.id}`;
    const withPermissions = await t.request('PUT', path, { permissions: ['read:invoices'] });
    expect(withPermissions.status).toBe(400);
    expect(errorPaths(withPermissions)).toEqual(['permissions']);
    expect(ok(await t.request('PUT', path, { permissions: [] }), 200)).toMatchObject({ permissions: [] });
    expect(ok(await t.request('GET', `/applications/${backEnd.id}/api-access`), 200)).toMatchObject({
      data: [{ resource: { id: t.invoices.id }, permissions: [] }],
    });
    expect((await t.request('DELETE', path)).status).toBe(204);
  });

  it('answer 404 for an unknown application or API resource', async () => {
    const t = await tenantWithApis('access-missing');
    const body = { permissions: [] };
    for (const [method, path] of [
      ['GET', `/applications/${MISSING}/api-access`],
      ['GET', '/applications/nope/api-access'],
      ['PUT', `/applications/${MISSING}/api-access/${t.invoices.id}`],
      ['PUT', t.access(`/${MISSING}`)],
      ['PUT', t.access('/nope')],
      ['DELETE', t.access(`/${MISSING}`)],
    ] as const) {
      const res = await t.request(method, path, method === 'PUT' ? body : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it('audit each change (and nothing for a request that changes nothing)', async () => {
    const t = await tenantWithApis('access-audit');
    await t.grant(t.invoices.id, ['read:invoices']);
    await t.grant(t.invoices.id, ['read:invoices']);
    await t.grant(t.invoices.id, ['write:invoices']);
    ok(await t.request('DELETE', t.access(`/${t.invoices.id}`)), 204);
    ok(await t.request('DELETE', t.access(`/${t.invoices.id}`)), 204);
    const events = await fixture.prisma.auditEvent.findMany({
      where: { tenantId: t.tenantId, action: { startsWith: 'application.api_access' } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(events.map((e) => [e.action, e.targetId, e.changes])).toEqual([
      [
        'application.api_access.set',
        t.app.id,
        { apiResourceId: t.invoices.id, identifier: INVOICES, added: ['read:invoices'], removed: [] },
      ],
      [
        'application.api_access.set',
        t.app.id,
        {
          apiResourceId: t.invoices.id,
          identifier: INVOICES,
          added: ['write:invoices'],
          removed: ['read:invoices'],
        },
      ],
      ['application.api_access.delete', t.app.id, { apiResourceId: t.invoices.id, identifier: INVOICES }],
    ]);
  });

  it('go away with the application', async () => {
    const t = await tenantWithApis('access-app-deleted');
    await t.grant(t.invoices.id, ['read:invoices']);
    ok(await t.request('DELETE', `/applications/${t.app.id}`), 204);
    const left = await fixture.prisma.applicationApiAccess.count({ where: { tenantId: t.tenantId } });
    expect(left).toBe(0);
  });
});
