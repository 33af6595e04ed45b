import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess, runToExit } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { passwordSteps, ScriptedBrowser } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';

/**
 * Latchkey's own access tokens as management API credentials (ARCHITECTURE.md: dogfooding), and
 * tokens of one tenant presented to another, which must fail everywhere.
 */
let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let platform: ManagementClient;
let audience: string;

const issuerOf = (slug: string) => new URL(`${api.baseUrl}/t/${slug}`);

async function m2mCredentials(slug: string): Promise<{ client_id: string; client_secret: string }> {
  const cli = await runToExit('cli', { DATABASE_URL: db.url }, 60_000, [
    'm2m',
    'create',
    '--tenant',
    slug,
    '--name',
    `ops ${slug}`,
    '--json',
  ]);
  expect(cli.code, cli.stderr).toBe(0);
  return JSON.parse(cli.stdout) as { client_id: string; client_secret: string };
}

async function configFor(slug: string, clientId: string, secret: string) {
  return oidc.discovery(issuerOf(slug), clientId, undefined, oidc.ClientSecretBasic(secret), {
    execute: [oidc.allowInsecureRequests],
  });
}

async function managementToken(slug: string): Promise<string> {
  const creds = await m2mCredentials(slug);
  const config = await configFor(slug, creds.client_id, creds.client_secret);
  return (await oidc.clientCredentialsGrant(config, { resource: audience })).access_token;
}

const call = async (token: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.text()) || undefined };
};

beforeAll(async () => {
  db = await createTestDatabase('mgmt_tokens');
  const port = await freePort();
  api = await LatchkeyProcess.startApi(
    { DATABASE_URL: db.url, PUBLIC_URL: `http://127.0.0.1:${port}` },
    port,
  );
  audience = `${api.baseUrl}/api/v1`;
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  platform = await fixture.clientFor('system');
  for (const slug of ['tok-a', 'tok-b']) {
    expect((await platform.request('POST', '/api/v1/tenants', { slug, displayName: slug })).status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

describe('access tokens on the management API', () => {
  it('lets a platform m2m application (system tenant) manage every tenant', async () => {
    const token = await managementToken('system');
    expect((await call(token, 'GET', '/api/v1/tenants')).status).toBe(200);
    expect((await call(token, 'GET', '/api/v1/tenants/tok-b/users')).status).toBe(200);
    expect(
      (await call(token, 'POST', '/api/v1/tenants', { slug: 'tok-new', displayName: 'New' })).status,
    ).toBe(201);
  });

  it('keeps a tenant m2m application inside its own tenant', async () => {
    const token = await managementToken('tok-a');
    expect((await call(token, 'GET', '/api/v1/tenants/tok-a/users')).status).toBe(200);
    const created = await call(token, 'POST', '/api/v1/tenants/tok-a/users', {
      email: 'via-token@example.com',
    });
    expect(created.status).toBe(201);
    expect((await call(token, 'GET', '/api/v1/tenants/tok-b/users')).status).toBe(404);
    expect((await call(token, 'POST', '/api/v1/tenants', { slug: 'tok-c', displayName: 'C' })).status).toBe(
      403,
    );

    // The audit trail names the application that acted.
    const events = await fixture.prisma.auditEvent.findMany({ where: { action: 'user.create' } });
    expect(events.some((e) => e.actorType === 'access-token')).toBe(true);
  });

  it('gives management tokens only to applications with management access', async () => {
    const admin = await fixture.clientFor('tok-a');
    const app = await admin.request('POST', '/api/v1/tenants/tok-a/applications', {
      name: 'Plain m2m',
      type: 'm2m',
    });
    const { clientId, clientSecret } = app.body as { clientId: string; clientSecret: string };
    const config = await configFor('tok-a', clientId, clientSecret);
    await expect(oidc.clientCredentialsGrant(config, { resource: audience })).rejects.toMatchObject({
      error: 'invalid_target',
    });
    const refused = await admin.request('POST', '/api/v1/tenants/tok-a/applications', {
      name: 'Web with management',
      type: 'web',
      redirectUris: ['https://app.example.com/cb'],
      managementAccess: true,
    });
    expect(refused.status).toBe(400);
  });

  it('refuses tampered, foreign and non-management tokens with 401', async () => {
    const token = await managementToken('tok-a');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    // Claim to be tenant B's (or the platform's) token, keeping A's signature.
    for (const iss of [issuerOf('tok-b').href, issuerOf('system').href]) {
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, iss })).toString('base64url')}.${signature}`;
      expect((await call(forged, 'GET', '/api/v1/tenants/tok-b/users')).status).toBe(401);
    }
    expect((await call(`${token.slice(0, -4)}AAAA`, 'GET', '/api/v1/tenants/tok-a/users')).status).toBe(401);
    expect((await call('not.a.jwt', 'GET', '/api/v1/tenants/tok-a/users')).status).toBe(401);

    // A token for another audience is not a management credential.
    const admin = await fixture.clientFor('tok-a');
    const resource = await admin.request('POST', '/api/v1/tenants/tok-a/api-resources', {
      identifier: 'https://api.tok-a.example',
      name: 'A API',
    });
    expect(resource.status).toBe(201);
    const creds = await m2mCredentials('tok-a');
    // The application needs access to that API first (management access does not include it).
    const listed = await admin.request('GET', `/api/v1/tenants/tok-a/applications?q=${creds.client_id}`);
    const appId = (listed.body as { data: { id: string; clientId: string }[] }).data.find(
      (a) => a.clientId === creds.client_id,
    )?.id;
    const { id: resourceId } = resource.body as { id: string };
    const granted = await admin.request(
      'PUT',
      `/api/v1/tenants/tok-a/applications/${appId}/api-access/${resourceId}`,
      { permissions: [] },
    );
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const apiToken = (
      await oidc.clientCredentialsGrant(await configFor('tok-a', creds.client_id, creds.client_secret), {
        resource: 'https://api.tok-a.example',
      })
    ).access_token;
    expect((await call(apiToken, 'GET', '/api/v1/tenants/tok-a/users')).status).toBe(401);
  });

  it('stops accepting the tokens of an application that lost management access or is gone', async () => {
    const creds = await m2mCredentials('tok-a');
    const config = await configFor('tok-a', creds.client_id, creds.client_secret);
    const admin = await fixture.clientFor('tok-a');
    const list = await admin.request('GET', `/api/v1/tenants/tok-a/applications?q=${creds.client_id}`);
    const app = (list.body as { data: { id: string; clientId: string }[] }).data.find(
      (a) => a.clientId === creds.client_id,
    );
    if (!app) throw new Error('application not listed');
    const token = (await oidc.clientCredentialsGrant(config, { resource: audience })).access_token;
    expect((await call(token, 'GET', '/api/v1/tenants/tok-a/users')).status).toBe(200);
    expect(
      (
        await admin.request('PATCH', `/api/v1/tenants/tok-a/applications/${app.id}`, {
          managementAccess: false,
        })
      ).status,
    ).toBe(200);
    expect((await call(token, 'GET', '/api/v1/tenants/tok-a/users')).status).toBe(401);
    expect((await admin.request('DELETE', `/api/v1/tenants/tok-a/applications/${app.id}`)).status).toBe(204);
    expect((await call(token, 'GET', '/api/v1/tenants/tok-a/users')).status).toBe(401);
  });

  it("stops accepting a suspended tenant's tokens", async () => {
    expect(
      (await platform.request('POST', '/api/v1/tenants', { slug: 'tok-s', displayName: 'S' })).status,
    ).toBe(201);
    const token = await managementToken('tok-s');
    expect((await call(token, 'GET', '/api/v1/tenants/tok-s/users')).status).toBe(200);
    expect((await platform.request('PATCH', '/api/v1/tenants/tok-s', { status: 'suspended' })).status).toBe(
      200,
    );
    expect((await call(token, 'GET', '/api/v1/tenants/tok-s/users')).status).toBe(401);
  });
});

describe("a tenant's tokens at another tenant", () => {
  it('are unknown to the other tenant’s userinfo and introspection', async () => {
    const REDIRECT = 'https://app.example.com/cb';
    const apps: Record<string, { clientId: string; clientSecret: string }> = {};
    for (const slug of ['tok-a', 'tok-b']) {
      const admin = await fixture.clientFor(slug);
      const app = await admin.request('POST', `/api/v1/tenants/${slug}/applications`, {
        name: 'Web',
        type: 'web',
        redirectUris: [REDIRECT],
      });
      apps[slug] = app.body as { clientId: string; clientSecret: string };
      await admin.request('POST', `/api/v1/tenants/${slug}/users`, {
        email: 'same@example.com',
        password: 'the same long password',
      });
    }
    const a = apps['tok-a'] as { clientId: string; clientSecret: string };
    const b = apps['tok-b'] as { clientId: string; clientSecret: string };
    const configA = await configFor('tok-a', a.clientId, a.clientSecret);
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(configA, {
      redirect_uri: REDIRECT,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const outcome = await new ScriptedBrowser().authorize(
      url,
      REDIRECT,
      passwordSteps('same@example.com', 'the same long password'),
    );
    if (outcome.kind !== 'callback') throw new Error(JSON.stringify(outcome));
    const tokens = await oidc.authorizationCodeGrant(configA, outcome.url, { pkceCodeVerifier: verifier });

    const configB = await configFor('tok-b', b.clientId, b.clientSecret);
    await expect(
      oidc.fetchUserInfo(configB, tokens.access_token, oidc.skipSubjectCheck),
    ).rejects.toMatchObject({
      status: 401,
    });
    expect((await oidc.tokenIntrospection(configB, tokens.access_token)).active).toBe(false);
    // …while tenant A knows it.
    expect((await oidc.tokenIntrospection(configA, tokens.access_token)).active).toBe(true);
    // And A's client cannot authenticate at B at all.
    const aAtB = await configFor('tok-b', a.clientId, a.clientSecret);
    await expect(oidc.clientCredentialsGrant(aAtB)).rejects.toMatchObject({ status: 401 });
  });
});
