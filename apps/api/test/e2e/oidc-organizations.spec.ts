import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { type InteractionDetails, passwordSteps, ScriptedBrowser } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';

/**
 * B2B sign-in: an application that signs users in to an organization gets the user's choice (or the
 * one it names) in its tokens, with the permissions of the user's roles there; and per-app custom
 * claims from the user's record.
 */
const TENANT = 'orgs';
const REDIRECT = 'https://b2b.example.com/callback';
const API = 'https://api.example.com/projects';
const EMAIL = 'lin@example.com';
const PASSWORD = 'an organization password';

let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let admin: ManagementClient;
let issuer: URL;
let userId: string;
let loner: string;
const orgs: Record<string, string> = {};
const apps: Record<string, { clientId: string; clientSecret: string }> = {};

const post = async <T>(path: string, body: unknown): Promise<T> => {
  const res = await admin.request('POST', `/api/v1/tenants/${TENANT}${path}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as T;
};

beforeAll(async () => {
  db = await createTestDatabase('oidc_orgs');
  const port = await freePort();
  api = await LatchkeyProcess.startApi(
    {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      LATCHKEY_REDIS_PREFIX: `org-${randomUUID().slice(0, 8)}`,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    port,
  );
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  ({ client: admin } = await fixture.tenantWithClient(TENANT));
  issuer = new URL(`${api.baseUrl}/t/${TENANT}`);

  userId = (
    await post<{ id: string }>('/users', {
      email: EMAIL,
      password: PASSWORD,
      username: 'lin',
      publicMetadata: { plan: 'enterprise', seats: 40 },
    })
  ).id;
  loner = (await post<{ id: string }>('/users', { email: 'solo@example.com', password: PASSWORD })).id;
  const resource = await post<{ id: string }>('/api-resources', { identifier: API, name: 'Projects' });
  const read = await post<{ id: string }>(`/api-resources/${resource.id}/permissions`, {
    name: 'read:projects',
  });
  const write = await post<{ id: string }>(`/api-resources/${resource.id}/permissions`, {
    name: 'write:projects',
  });
  const reader = await post<{ id: string }>('/roles', { name: 'reader' });
  const orgAdmin = await post<{ id: string }>('/roles', { name: 'org-admin' });
  const put = (path: string, body: unknown) => admin.request('PUT', `/api/v1/tenants/${TENANT}${path}`, body);
  expect((await put(`/roles/${reader.id}/permissions`, { permissionIds: [read.id] })).status).toBe(200);
  expect(
    (await put(`/roles/${orgAdmin.id}/permissions`, { permissionIds: [read.id, write.id] })).status,
  ).toBe(200);
  await post(`/users/${userId}/roles`, { roleIds: [reader.id] }).catch(() => undefined);

  for (const [name, role] of [
    ['Acme', orgAdmin.id],
    ['Beta', reader.id],
  ] as const) {
    const org = await post<{ id: string }>('/organizations', { name, slug: name.toLowerCase() });
    orgs[name] = org.id;
    await post(`/organizations/${org.id}/members`, { userId });
    expect((await put(`/organizations/${org.id}/members/${userId}/roles`, { roleIds: [role] })).status).toBe(
      200,
    );
  }
  for (const [key, body] of [
    [
      'required',
      { organizationUsage: 'required', claimMappings: { plan: 'publicMetadata.plan', handle: 'username' } },
    ],
    ['optional', { organizationUsage: 'optional' }],
    ['none', {}],
  ] as const) {
    apps[key] = await post('/applications', {
      name: `B2B ${key}`,
      type: 'web',
      redirectUris: [REDIRECT],
      ...body,
    });
  }
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

const configOf = (key: string) => {
  const app = apps[key] as { clientId: string; clientSecret: string };
  return oidc.discovery(issuer, app.clientId, undefined, oidc.ClientSecretBasic(app.clientSecret), {
    execute: [oidc.allowInsecureRequests],
  });
};

/** Signs in; `pick` answers the organization prompt (and records what it was offered). */
async function signIn(
  key: string,
  pick: (details: InteractionDetails) => unknown,
  extra: Record<string, string> = {},
  email = EMAIL,
) {
  const config = await configOf(key);
  const verifier = oidc.randomPKCECodeVerifier();
  // `resource: ''` asks for no API: the access token is then an opaque one, good at userinfo.
  const resource = extra.resource ?? API;
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid profile offline_access read:projects write:projects',
    prompt: 'consent',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  if (resource) url.searchParams.set('resource', resource);
  else url.searchParams.delete('resource');
  const offered: InteractionDetails[] = [];
  const steps = passwordSteps(email, PASSWORD);
  const outcome = await new ScriptedBrowser().authorize(url, REDIRECT, {
    onInteraction: (details) => {
      if (details.prompt.name !== 'organization') return steps.onInteraction(details);
      offered.push(details);
      return { action: 'organization' as never, body: pick(details) };
    },
  });
  if (outcome.kind !== 'callback') throw new Error(JSON.stringify(outcome));
  const tokens = await oidc.authorizationCodeGrant(
    config,
    outcome.url,
    { pkceCodeVerifier: verifier },
    resource ? { resource } : undefined,
  );
  return { config, tokens, offered };
}

describe('organization sign-in', () => {
  it('asks which organization, then puts it and the roles there in the tokens', async () => {
    const { config, tokens, offered } = await signIn('required', (d) => ({
      organizationId: d.organizations?.choices.find((c) => c.name === 'Acme')?.id,
    }));
    expect(offered).toHaveLength(1);
    expect(offered[0]?.organizations).toEqual({
      required: true,
      choices: [
        { id: orgs.Acme, name: 'Acme', slug: 'acme' },
        { id: orgs.Beta, name: 'Beta', slug: 'beta' },
      ],
    });
    const idToken = tokens.claims();
    expect(idToken).toMatchObject({ org_id: orgs.Acme, org_name: 'Acme', org_roles: ['org-admin'] });
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: issuer.href, audience: API });
    // The org role grants write on top of the tenant-level read.
    expect(payload).toMatchObject({ org_id: orgs.Acme, permissions: ['read:projects', 'write:projects'] });
  });

  it('takes the organization from the request when the user is a member, without asking', async () => {
    const { tokens, offered } = await signIn('required', () => ({}), { organization: orgs.Beta as string });
    expect(offered).toHaveLength(0);
    const access = decodeJwt(tokens.access_token);
    expect(access).toMatchObject({
      org_id: orgs.Beta,
      org_roles: ['reader'],
      permissions: ['read:projects'],
    });
  });

  it('keeps the organization across refreshes, and drops it once the membership ends', async () => {
    const { config, tokens } = await signIn('required', (d) => ({
      organizationId: d.organizations?.choices.find((c) => c.name === 'Beta')?.id,
    }));
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token as string, { resource: API });
    expect(decodeJwt(refreshed.access_token).org_id).toBe(orgs.Beta);
    expect(
      (
        await admin.request(
          'DELETE',
          `/api/v1/tenants/${TENANT}/organizations/${orgs.Beta}/members/${userId}`,
        )
      ).status,
    ).toBe(204);
    const after = await oidc.refreshTokenGrant(config, refreshed.refresh_token as string, { resource: API });
    expect(decodeJwt(after.access_token).org_id).toBeUndefined();
    await post(`/organizations/${orgs.Beta}/members`, { userId });
  });

  it('refuses an organization the user is not in, and "none" when one is required', async () => {
    const config = await configOf('required');
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const browser = new ScriptedBrowser();
    const steps = passwordSteps(EMAIL, PASSWORD);
    const outcome = await browser.authorize(url, REDIRECT, {
      onInteraction: (d) => (d.prompt.name === 'organization' ? undefined : steps.onInteraction(d)),
    });
    if (outcome.kind !== 'interaction') throw new Error(JSON.stringify(outcome));
    const target = `${outcome.interactionUrl.href}/organization`;
    const csrf = { 'x-csrf-token': outcome.details.csrfToken };
    for (const organizationId of [randomUUID(), null]) {
      const res = await browser.postJson(target, { organizationId }, csrf);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
        'organizationId',
      ]);
    }
  });

  it('skips the question for optional usage when the user has no organization', async () => {
    const { tokens, offered } = await signIn('optional', () => ({}), {}, 'solo@example.com');
    expect(offered).toHaveLength(0);
    expect(tokens.claims()?.sub).toBe(loner);
    expect(tokens.claims()?.org_id).toBeUndefined();
  });

  it('lets a member of organizations continue without one when usage is optional', async () => {
    const { tokens, offered } = await signIn('optional', () => ({ organizationId: null }));
    expect(offered).toHaveLength(1);
    expect(offered[0]?.organizations?.required).toBe(false);
    expect(tokens.claims()?.org_id).toBeUndefined();
  });
});

describe('custom claims', () => {
  it("adds an application's mapped claims to its ID token and userinfo, and only to its own", async () => {
    const { config, tokens } = await signIn(
      'required',
      (d) => ({ organizationId: d.organizations?.choices[0]?.id }),
      { resource: '' },
    );
    expect(tokens.claims()).toMatchObject({ plan: 'enterprise', handle: 'lin' });
    // No API asked for: an opaque access token, good at userinfo, which carries the same claims.
    expect(await oidc.fetchUserInfo(config, tokens.access_token, userId)).toMatchObject({
      plan: 'enterprise',
      handle: 'lin',
      org_name: expect.any(String),
    });

    const other = await signIn('none', () => ({}));
    expect(other.tokens.claims()?.plan).toBeUndefined();
    expect(other.tokens.claims()?.org_id).toBeUndefined();
  });
});
