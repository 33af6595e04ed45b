import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MANAGEMENT_ROUTES, pathParams, type RouteContract } from '@latchkey/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess, runToExit } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { passwordSteps, ScriptedBrowser } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';

/**
 * The isolation suite: every tenant-scoped management route, tried with another tenant's ids and
 * credentials, in both directions, must answer 404 and change nothing. It walks MANAGEMENT_ROUTES,
 * so a new route is covered the day it is added (and fails here until it has a sample body).
 */

/** The API resource every fixture tenant defines (the same identifier in both, on purpose). */
const RESOURCE = 'https://api.example.com';

/** The password of each fixture tenant's user, who signs in once (see makeSession). */
const PASSWORD = 'correct horse battery staple';

/** A valid body for each route that takes one, so the request is refused for isolation, not validation. */
const SAMPLE_BODIES: Record<string, () => unknown> = {
  createApiKey: () => ({ name: 'intruder' }),
  addCustomDomain: () => ({ hostname: `intruder-${Math.random().toString(36).slice(2)}.example` }),
  createUser: () => ({ email: `intruder-${Math.random().toString(36).slice(2)}@example.com` }),
  updateUser: () => ({ displayName: 'changed by another tenant' }),
  createTenant: () => ({ slug: 'x', displayName: 'x' }),
  updateTenant: () => ({ displayName: 'changed' }),
  createApiResource: () => ({ identifier: 'https://intruder.example.com', name: 'intruder' }),
  updateApiResource: () => ({ name: 'changed by another tenant' }),
  createPermission: () => ({ name: 'steal:everything' }),
  createRole: () => ({ name: 'intruder' }),
  updateRole: () => ({ name: 'changed by another tenant' }),
  setRolePermissions: () => ({ permissionIds: [] }),
  assignUserRoles: () => ({ roleIds: [randomUUID()] }),
  assignRoleToUsers: () => ({ userIds: [randomUUID()] }),
  createOrganization: () => ({ name: 'intruder', slug: `intruder-${randomUUID().slice(0, 8)}` }),
  updateOrganization: () => ({ name: 'changed by another tenant' }),
  addOrganizationDomain: () => ({ domain: `intruder-${randomUUID().slice(0, 8)}.example` }),
  addOrganizationMember: () => ({ userId: randomUUID() }),
  setOrganizationMemberRoles: () => ({ roleIds: [] }),
  createOrganizationInvitation: () => ({ email: 'intruder@example.com' }),
  acceptInvitation: () => ({ token: `lki_${'A'.repeat(43)}` }),
  createApplication: () => ({ name: 'intruder', type: 'm2m' }),
  updateApplication: () => ({ name: 'changed by another tenant' }),
  rotateApplicationSecret: () => ({ overlapSeconds: 0 }),
  setApplicationApiAccess: () => ({ permissions: [] }),
  rotateSigningKeys: () => ({ alg: 'RS256' }),
  previewBranding: () => ({ colors: { primary: '#123456' } }),
  createInitialAccessToken: () => ({ name: 'intruder' }),
  sendTestEmail: () => ({ to: 'intruder@example.com' }),
  putEmailSmtpSettings: () => ({ host: 'smtp.intruder.example', port: 587, security: 'starttls' }),
};

/** A valid query string for each route that requires one (validation runs before the tenant check). */
const SAMPLE_QUERIES: Record<string, string> = {
  getUserPermissions: `?resource=${encodeURIComponent(RESOURCE)}`,
};

interface Fixture {
  slug: string;
  key: string;
  /** Ids of this tenant's resources, by path parameter name. */
  ids: Record<string, string>;
  userEmail: string;
  /** The tenant's signing keys as makeTenant() left them. */
  signingKeys: unknown;
}

let db: TestDatabase;
let api: LatchkeyProcess;
let platformKey: string;
const fixtures: Fixture[] = [];

const call = async (method: string, path: string, key: string, body?: unknown) => {
  const res = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
};

const json = async (method: string, path: string, key: string, body?: unknown) => {
  const res = await call(method, path, key, body);
  expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
  return JSON.parse(res.text) as Record<string, string>;
};

async function makeTenant(slug: string): Promise<Fixture> {
  await json('POST', '/api/v1/tenants', platformKey, { slug, displayName: slug });
  const key = (await json('POST', `/api/v1/tenants/${slug}/api-keys`, platformKey, { name: 'owner' }))
    .key as string;
  const spareKey = await json('POST', `/api/v1/tenants/${slug}/api-keys`, key, { name: 'spare' });
  const userEmail = `someone@${slug}.example`;
  const user = await json('POST', `/api/v1/tenants/${slug}/users`, key, {
    email: userEmail,
    displayName: 'Original',
    password: PASSWORD,
    emailVerified: true,
  });
  const customDomain = await json('POST', `/api/v1/tenants/${slug}/custom-domains`, key, {
    hostname: `login.${slug}.example`,
  });
  const rbac = await makeRbac(slug, key, user.id as string);
  const ids = {
    apiKeyId: spareKey.id as string,
    customDomainId: customDomain.id as string,
    userId: user.id as string,
    ...rbac,
    ...(await makeOrganization(slug, key, user.id as string)),
    ...(await makeApplication(slug, key, rbac.apiResourceId)),
    ...(await makeEmail(slug, key)),
    ...(await makeSession(slug, key, user.id as string, userEmail)),
    initialAccessTokenId: (
      await json('POST', `/api/v1/tenants/${slug}/initial-access-tokens`, key, { name: 'Original' })
    ).id as string,
  };
  const signingKeys = await json('GET', `/api/v1/tenants/${slug}/signing-keys`, key);
  return { slug, key, ids, userEmail, signingKeys };
}

/** An API resource with one permission, granted by one role, which the tenant's user holds. */
async function makeRbac(slug: string, key: string, userId: string) {
  const base = `/api/v1/tenants/${slug}`;
  const resource = await json('POST', `${base}/api-resources`, key, {
    identifier: RESOURCE,
    name: 'Original',
  });
  const permissions = `${base}/api-resources/${resource.id}/permissions`;
  const permission = await json('POST', permissions, key, { name: 'read:things' });
  const role = await json('POST', `${base}/roles`, key, { name: 'Original' });
  await json('PUT', `${base}/roles/${role.id}/permissions`, key, { permissionIds: [permission.id] });
  const assigned = await call('POST', `${base}/users/${userId}/roles`, key, { roleIds: [role.id] });
  expect(assigned.status, assigned.text).toBe(204);
  return {
    apiResourceId: resource.id as string,
    permissionId: permission.id as string,
    roleId: role.id as string,
  };
}

/** An m2m application, with the one client secret it is created with, granted the API resource. */
async function makeApplication(slug: string, key: string, apiResourceId: string) {
  const apps = `/api/v1/tenants/${slug}/applications`;
  const app = await json('POST', apps, key, { name: 'Original', type: 'm2m' });
  await json('PUT', `${apps}/${app.id}/api-access/${apiResourceId}`, key, { permissions: ['read:things'] });
  const secrets = (await json('GET', `${apps}/${app.id}/secrets`, key)).data as unknown as Array<{
    id: string;
  }>;
  return { applicationId: app.id as string, applicationSecretId: secrets[0]?.id as string };
}

/** An organization with a domain, the tenant's user as member, and a pending invitation. */
async function makeOrganization(slug: string, key: string, userId: string) {
  const orgs = `/api/v1/tenants/${slug}/organizations`;
  const org = await json('POST', orgs, key, { name: 'Original', slug: 'original' });
  const base = `${orgs}/${org.id}`;
  const domain = await json('POST', `${base}/domains`, key, { domain: `${slug}.example` });
  await json('POST', `${base}/members`, key, { userId });
  const invitation = await json('POST', `${base}/invitations`, key, { email: 'invited@example.com' });
  return {
    organizationId: org.id as string,
    domainId: domain.id as string,
    invitationId: invitation.id as string,
  };
}

/** A test mail (kept in the dev outbox, like the invitation's), then an SMTP server of the tenant's. */
async function makeEmail(slug: string, key: string) {
  const base = `/api/v1/tenants/${slug}/email`;
  const message = await json('POST', `${base}/test`, key, { to: `mail@${slug}.example` });
  // Wait for every mail to leave the queue: later ones would go to the SMTP server set below.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const list = (await json('GET', `${base}/messages`, key)).data as unknown as Array<{ status: string }>;
    if (list.length === 2 && list.every((m) => m.status === 'sent')) break;
    if (Date.now() > deadline) throw new Error(`mail of ${slug} not delivered: ${JSON.stringify(list)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await json('PUT', `${base}/smtp`, key, {
    host: `smtp.${slug}.example`,
    port: 587,
    security: 'starttls',
    username: 'original',
    password: 'original-password',
  });
  return { messageId: message.id as string };
}

/** The user signed in once through a web application: one SSO session. */
async function makeSession(slug: string, key: string, userId: string, email: string) {
  const redirectUri = 'https://app.example.com/callback';
  const app = await json('POST', `/api/v1/tenants/${slug}/applications`, key, {
    name: 'Sessions',
    type: 'web',
    redirectUris: [redirectUri],
  });
  const authorize = new URL(`${api.baseUrl}/t/${slug}/oauth2/authorize`);
  authorize.search = new URLSearchParams({
    client_id: app.clientId as string,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri,
    code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const outcome = await new ScriptedBrowser().authorize(
    authorize,
    redirectUri,
    passwordSteps(email, PASSWORD),
  );
  expect(outcome.kind, JSON.stringify(outcome)).toBe('callback');
  const sessions = (await json('GET', `/api/v1/tenants/${slug}/users/${userId}/sessions`, key))
    .data as unknown as Array<{ id: string }>;
  expect(sessions).toHaveLength(1);
  return { sessionId: sessions[0]?.id as string };
}

function pathFor(route: RouteContract, tenant: string, ids: Record<string, string>): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'tenant') return tenant;
    const id = ids[name];
    if (!id) throw new Error(`no fixture id for {${name}} of ${route.id}: add one to makeTenant()`);
    return id;
  });
  return `${path}${SAMPLE_QUERIES[route.id] ?? ''}`;
}

function bodyFor(route: RouteContract): unknown {
  if (!route.body) return undefined;
  const sample = SAMPLE_BODIES[route.id];
  if (!sample) throw new Error(`no sample body for ${route.id}: add one to SAMPLE_BODIES`);
  return sample();
}

beforeAll(async () => {
  db = await createTestDatabase('isolation');
  api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url }, await freePort());
  const { stdout, code } = await runToExit('cli', { DATABASE_URL: db.url }, 60_000, [
    'api-key',
    'create',
    '--tenant',
    'system',
    '--name',
    'isolation suite',
    '--json',
  ]);
  expect(code).toBe(0);
  platformKey = (JSON.parse(stdout) as { key: string }).key;
  fixtures.push(await makeTenant('iso-a'), await makeTenant('iso-b'));
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const tenantRoutes = MANAGEMENT_ROUTES.filter((r) => r.scope === 'tenant');

describe.each([
  ['A acting on B', 0, 1],
  ['B acting on A', 1, 0],
])('%s', (_label, actorIndex, victimIndex) => {
  it.each(tenantRoutes.map((r) => [r.id, r] as const))(
    "%s with the victim's tenant in the path is 404",
    async (_id, route) => {
      const actor = fixtures[actorIndex] as Fixture;
      const victim = fixtures[victimIndex] as Fixture;
      const res = await call(
        route.method,
        pathFor(route, victim.slug, victim.ids),
        actor.key,
        bodyFor(route),
      );
      expect(res.status, res.text).toBe(404);
      expect(res.text).not.toContain(victim.userEmail);
    },
  );

  it.each(tenantRoutes.filter((r) => pathParams(r.path).length > 1).map((r) => [r.id, r] as const))(
    "%s with the victim's ids under the actor's own tenant is 404",
    async (_id, route) => {
      const actor = fixtures[actorIndex] as Fixture;
      const victim = fixtures[victimIndex] as Fixture;
      const res = await call(route.method, pathFor(route, actor.slug, victim.ids), actor.key, bodyFor(route));
      expect(res.status, res.text).toBe(404);
      expect(res.text).not.toContain(victim.userEmail);
    },
  );
});

/** The fixture's resource, permission, role and grant are as makeTenant() left them. */
async function expectRbacUnchanged(fixture: Fixture): Promise<void> {
  const base = `/api/v1/tenants/${fixture.slug}`;
  const { apiResourceId, permissionId, roleId, userId } = fixture.ids;
  expect(await json('GET', `${base}/api-resources/${apiResourceId}`, fixture.key)).toMatchObject({
    identifier: RESOURCE,
    name: 'Original',
  });
  const resources = await json('GET', `${base}/api-resources`, fixture.key);
  expect((resources.data as unknown as unknown[]).length).toBe(1);
  const role = await json('GET', `${base}/roles/${roleId}`, fixture.key);
  expect(role).toMatchObject({ name: 'Original', permissions: [{ id: permissionId, name: 'read:things' }] });
  const roles = await json('GET', `${base}/roles`, fixture.key);
  expect((roles.data as unknown as unknown[]).length).toBe(1);
  const held = await json('GET', `${base}/users/${userId}/roles`, fixture.key);
  expect((held.data as unknown as Array<{ id: string }>).map((r) => r.id)).toEqual([roleId]);
  const effective = await json(
    'GET',
    `${base}/users/${userId}/permissions${SAMPLE_QUERIES.getUserPermissions}`,
    fixture.key,
  );
  expect(effective.permissions).toEqual(['read:things']);
}

/** The fixture's organization, domain, membership and invitation are as makeTenant() left them. */
async function expectOrganizationUnchanged(fixture: Fixture): Promise<void> {
  const { organizationId, domainId, invitationId, userId } = fixture.ids;
  const orgs = `/api/v1/tenants/${fixture.slug}/organizations`;
  const base = `${orgs}/${organizationId}`;
  expect(await json('GET', base, fixture.key)).toMatchObject({ name: 'Original', slug: 'original' });
  expect(((await json('GET', orgs, fixture.key)).data as unknown as unknown[]).length).toBe(1);
  const domains = (await json('GET', `${base}/domains`, fixture.key)).data as unknown as Array<object>;
  expect(domains).toEqual([expect.objectContaining({ id: domainId, verified: false })]);
  const members = (await json('GET', `${base}/members`, fixture.key)).data as unknown as Array<object>;
  expect(members).toEqual([expect.objectContaining({ userId, roles: [] })]);
  const invitations = (await json('GET', `${base}/invitations`, fixture.key))
    .data as unknown as Array<object>;
  expect(invitations).toEqual([expect.objectContaining({ id: invitationId, status: 'pending' })]);
}

/** The fixture's application is as makeTenant() left it, with its one secret and its API access. */
async function expectApplicationUnchanged(fixture: Fixture): Promise<void> {
  const base = `/api/v1/tenants/${fixture.slug}/applications`;
  const { applicationId } = fixture.ids;
  expect(await json('GET', `${base}/${applicationId}`, fixture.key)).toMatchObject({ name: 'Original' });
  // This one and the web application makeSession() signs in with.
  expect(((await json('GET', base, fixture.key)).data as unknown as unknown[]).length).toBe(2);
  const secrets = (await json('GET', `${base}/${applicationId}/secrets`, fixture.key))
    .data as unknown as Array<object>;
  expect(secrets).toEqual([
    expect.objectContaining({ id: fixture.ids.applicationSecretId, expiresAt: null }),
  ]);
  const access = await json('GET', `${base}/${applicationId}/api-access`, fixture.key);
  expect(access.data).toEqual([
    {
      resource: { id: fixture.ids.apiResourceId, identifier: RESOURCE, name: 'Original' },
      permissions: ['read:things'],
    },
  ]);
}

/** The fixture's two mails are still its only ones, delivered, and its SMTP server is as set. */
async function expectEmailUnchanged(fixture: Fixture): Promise<void> {
  const base = `/api/v1/tenants/${fixture.slug}/email`;
  const messages = (await json('GET', `${base}/messages`, fixture.key)).data as unknown as Array<{
    id: string;
    status: string;
  }>;
  expect(messages.map((m) => m.status)).toEqual(['sent', 'sent']);
  expect(messages.map((m) => m.id)).toContain(fixture.ids.messageId);
  expect(await json('GET', `${base}/smtp`, fixture.key)).toMatchObject({
    host: `smtp.${fixture.slug}.example`,
    username: 'original',
    passwordSet: true,
  });
}

describe('after every attempt', () => {
  it("left each tenant's data unchanged", async () => {
    for (const fixture of fixtures) {
      const user = await json(
        'GET',
        `/api/v1/tenants/${fixture.slug}/users/${fixture.ids.userId}`,
        fixture.key,
      );
      expect(user).toMatchObject({ displayName: 'Original', status: 'active' });
      const keys = await json('GET', `/api/v1/tenants/${fixture.slug}/api-keys`, fixture.key);
      const spare = (keys.data as unknown as Array<{ id: string; revokedAt: string | null }>).find(
        (k) => k.id === fixture.ids.apiKeyId,
      );
      expect(spare?.revokedAt).toBeNull();
      const users = await json('GET', `/api/v1/tenants/${fixture.slug}/users`, fixture.key);
      expect((users.data as unknown as unknown[]).length).toBe(1);
      await expectRbacUnchanged(fixture);
      await expectOrganizationUnchanged(fixture);
      await expectApplicationUnchanged(fixture);
      const tokens = await json('GET', `/api/v1/tenants/${fixture.slug}/initial-access-tokens`, fixture.key);
      expect(tokens.data).toEqual([
        expect.objectContaining({ id: fixture.ids.initialAccessTokenId, name: 'Original', status: 'active' }),
      ]);
      expect(await json('GET', `/api/v1/tenants/${fixture.slug}/signing-keys`, fixture.key)).toEqual(
        fixture.signingKeys,
      );
      await expectEmailUnchanged(fixture);
      const sessions = await json(
        'GET',
        `/api/v1/tenants/${fixture.slug}/users/${fixture.ids.userId}/sessions`,
        fixture.key,
      );
      expect((sessions.data as unknown as Array<{ id: string }>).map((s) => s.id)).toEqual([
        fixture.ids.sessionId,
      ]);
    }
  });

  it('a platform key reaches every tenant', async () => {
    for (const fixture of fixtures) {
      const user = await json(
        'GET',
        `/api/v1/tenants/${fixture.slug}/users/${fixture.ids.userId}`,
        platformKey,
      );
      expect(user.email).toBe(fixture.userEmail);
    }
  });
});
