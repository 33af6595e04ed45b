import { randomUUID } from 'node:crypto';
import {
  type TApplication,
  type TCreatedInitialAccessToken,
  ZApplication,
  ZApplicationList,
  ZCreatedInitialAccessToken,
  ZInitialAccessTokenList,
} from '@latchkey/contracts';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { errorPaths, type ManagementClient, ManagementFixture } from '../support/management.js';
import { type InteractionDetails, ScriptedBrowser, type SignInSteps } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';

/** A JSON body as an object; anything else (oidc-provider's plain `Not Found`) as `{ text }`. */
function parsed(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { text };
  }
}

/**
 * OAuth dynamic client registration (RFC 7591) and its management (RFC 7592), per tenant, behind
 * initial access tokens from the management API; registered clients are third-party applications.
 */
describe('dynamic client registration', () => {
  const TENANT = 'dcr-a';
  /** Never turns registration on. */
  const OTHER = 'dcr-b';
  const REDIRECT = 'https://agent.example.com/callback';
  const email = 'grace@example.com';
  const password = 'correct horse battery staple';
  let db: TestDatabase;
  let api: LatchkeyProcess;
  let fixture: ManagementFixture;
  let main: RegistrationTenant;
  let otherAdmin: ManagementClient;
  let admin: ManagementClient;
  let issuer: URL;
  let registrationEndpoint: string;

  /** A tenant with registration settings of its own (suites that change them never share one). */
  interface RegistrationTenant {
    slug: string;
    admin: ManagementClient;
    endpoint: string;
    setRegistration(patch: Record<string, unknown>): Promise<Record<string, unknown>>;
    newToken(body?: Record<string, unknown>): Promise<TCreatedInitialAccessToken>;
    register(metadata: Record<string, unknown>, token?: string): Promise<Reply>;
    application(clientId: string): Promise<TApplication | undefined>;
  }
  interface Reply {
    status: number;
    body: Record<string, unknown>;
  }

  const tokensPath = (tenant: string) => `/api/v1/tenants/${tenant}/initial-access-tokens`;
  const createToken = async (
    client: ManagementClient,
    tenant: string,
    body: Record<string, unknown> = {},
  ) => {
    const res = await client.request('POST', tokensPath(tenant), { name: 'agents', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return ZCreatedInitialAccessToken.parse(res.body);
  };
  const post = async (
    endpoint: string,
    metadata: Record<string, unknown>,
    token?: string,
  ): Promise<Reply> => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(metadata),
    });
    return { status: res.status, body: parsed(await res.text()) };
  };
  const manage = async (method: string, uri: string, token: string, body?: unknown): Promise<Reply> => {
    const res = await fetch(uri, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: parsed(await res.text()) };
  };
  const discovery = async (tenant: string) =>
    (await (await fetch(`${api.baseUrl}/t/${tenant}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;

  /** A new tenant with dynamic registration on (`settings` on top), once its provider says so. */
  async function registrationTenant(
    slug: string,
    settings: Record<string, unknown> = {},
  ): Promise<RegistrationTenant> {
    const { client } = await fixture.tenantWithClient(slug);
    const endpoint = `${api.baseUrl}/t/${slug}/oauth2/register`;
    const tenant: RegistrationTenant = {
      slug,
      admin: client,
      endpoint,
      setRegistration: async (patch) => {
        const res = await client.request('PATCH', `/api/v1/tenants/${slug}`, {
          settings: { dynamicRegistration: patch },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return (res.body as { settings: { dynamicRegistration: Record<string, unknown> } }).settings
          .dynamicRegistration;
      },
      newToken: (body) => createToken(client, slug, body),
      register: (metadata, token) => post(endpoint, metadata, token),
      application: async (clientId) => {
        const res = await client.request('GET', `/api/v1/tenants/${slug}/applications?q=${clientId}`);
        return ZApplicationList.parse(res.body).data.find((app) => app.clientId === clientId);
      },
    };
    await tenant.setRegistration({ enabled: true, ...settings });
    // The settings change reaches the provider cache through the change bus: wait for it.
    for (let attempt = 0; (await discovery(slug)).registration_endpoint !== endpoint; attempt++) {
      if (attempt >= 50) throw new Error(`registration never came on at ${slug}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return tenant;
  }

  const webClient = { client_name: 'Research agent', redirect_uris: [REDIRECT] };
  const newToken = (body?: Record<string, unknown>) => main.newToken(body);
  const register = (metadata: Record<string, unknown>, token?: string) => main.register(metadata, token);
  const applicationByClientId = (clientId: string) => main.application(clientId);

  beforeAll(async () => {
    db = await createTestDatabase('oidc_dcr');
    const port = await freePort();
    api = await LatchkeyProcess.startApi(
      {
        DATABASE_URL: db.url,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        REDIS_URL: TEST_REDIS_URL,
        LATCHKEY_REDIS_PREFIX: `dcr-${randomUUID().slice(0, 8)}`,
      },
      port,
    );
    fixture = ManagementFixture.open(db.url, api.baseUrl);
    ({ client: otherAdmin } = await fixture.tenantWithClient(OTHER));
    // Most tests here register through this tenant from one address: above the default limit.
    main = await registrationTenant(TENANT, { registrationsPerIpPerHour: 1000 });
    admin = main.admin;
    issuer = new URL(`${api.baseUrl}/t/${TENANT}`);
    registrationEndpoint = main.endpoint;
    const user = await admin.request('POST', `/api/v1/tenants/${TENANT}/users`, {
      email,
      password,
      emailVerified: true,
    });
    expect(user.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
    await api?.stop();
    await db?.drop();
  });

  it('is off by default: no registration endpoint in discovery, and the route answers 404', async () => {
    const tenant = await otherAdmin.request('GET', `/api/v1/tenants/${OTHER}`);
    expect((tenant.body as { settings: Record<string, unknown> }).settings.dynamicRegistration).toEqual({
      enabled: false,
      allowedTypes: ['web', 'spa', 'native'],
      requireInitialAccessToken: true,
      registrationsPerIpPerHour: 20,
      registrationsPerHour: 200,
    });
    expect(await discovery(OTHER)).not.toHaveProperty('registration_endpoint');
    const token = await createToken(otherAdmin, OTHER);
    const res = await post(`${api.baseUrl}/t/${OTHER}/oauth2/register`, webClient, token.token);
    expect(res.status).toBe(404);
  });

  it('is turned on per tenant with PATCH settings; discovery then shows the endpoint', async () => {
    const tenant = await admin.request('GET', `/api/v1/tenants/${TENANT}`);
    expect((tenant.body as { settings: Record<string, unknown> }).settings.dynamicRegistration).toEqual({
      enabled: true,
      allowedTypes: ['web', 'spa', 'native'],
      requireInitialAccessToken: true,
      registrationsPerIpPerHour: 1000,
      registrationsPerHour: 200,
    });
    expect((await discovery(TENANT)).registration_endpoint).toBe(registrationEndpoint);
    const invalid = await admin.request('PATCH', `/api/v1/tenants/${TENANT}`, {
      settings: { dynamicRegistration: { allowedTypes: [] } },
    });
    expect(invalid.status).toBe(400);
    expect(errorPaths(invalid)).toEqual(['settings.dynamicRegistration.allowedTypes']);
    const unknown = await admin.request('PATCH', `/api/v1/tenants/${TENANT}`, {
      settings: { dynamicRegistration: { allowedTypes: ['desktop'] } },
    });
    expect(unknown.status).toBe(400);
  });

  describe('initial access tokens in the management API', () => {
    it('creates one (value shown once), lists without values, revokes idempotently', async () => {
      const created = await newToken({ name: 'MCP hub', maxUses: 3 });
      expect(created).toMatchObject({
        name: 'MCP hub',
        status: 'active',
        maxUses: 3,
        uses: 0,
        expiresAt: null,
      });
      expect(created.token).toMatch(/^lkiat_[A-Za-z0-9]{43}$/);

      const listed = await admin.request('GET', tokensPath(TENANT));
      expect(listed.status).toBe(200);
      const page = ZInitialAccessTokenList.parse(listed.body);
      expect(page.data.map((t) => t.id)).toContain(created.id);
      expect(JSON.stringify(listed.body)).not.toContain(created.token);

      expect((await admin.request('DELETE', `${tokensPath(TENANT)}/${created.id}`)).status).toBe(204);
      expect((await admin.request('DELETE', `${tokensPath(TENANT)}/${created.id}`)).status).toBe(204);
      const revoked = ZInitialAccessTokenList.parse(
        (await admin.request('GET', `${tokensPath(TENANT)}?status=revoked`)).body,
      );
      expect(revoked.data.find((t) => t.id === created.id)).toMatchObject({ status: 'revoked' });
      const active = ZInitialAccessTokenList.parse(
        (await admin.request('GET', `${tokensPath(TENANT)}?status=active`)).body,
      );
      expect(active.data.map((t) => t.id)).not.toContain(created.id);
      expect((await admin.request('DELETE', `${tokensPath(TENANT)}/${randomUUID()}`)).status).toBe(404);
      expect((await admin.request('DELETE', `${tokensPath(TENANT)}/not-a-uuid`)).status).toBe(404);
    });

    it('refuses invalid requests with the failing fields', async () => {
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ name: '' }, ['name']],
        [{ name: 'x', expiresAt: new Date(Date.now() - 60_000).toISOString() }, ['expiresAt']],
        [{ name: 'x', expiresAt: 'tomorrow' }, ['expiresAt']],
        [{ name: 'x', maxUses: 0 }, ['maxUses']],
        // Unknown fields are refused (the value is always generated).
        [{ name: 'x', token: 'lkiat_chosen' }, ['']],
      ];
      for (const [body, paths] of cases) {
        const res = await admin.request('POST', tokensPath(TENANT), body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(errorPaths(res), JSON.stringify(body)).toEqual(paths);
      }
      const badQuery = await admin.request('GET', `${tokensPath(TENANT)}?status=lost`);
      expect(badQuery.status).toBe(400);
    });
  });

  describe('registration is refused', () => {
    const expectInvalidToken = (res: { status: number; body: Record<string, unknown> }) => {
      expect(res.status, JSON.stringify(res.body)).toBe(401);
      expect(res.body.error).toBe('invalid_token');
    };

    it('without an initial access token, or with a wrong one', async () => {
      const none = await register(webClient);
      expect(none.status).toBeGreaterThanOrEqual(400);
      expect(['invalid_token', 'invalid_request']).toContain(none.body.error);
      expectInvalidToken(await register(webClient, `lkiat_${'A'.repeat(43)}`));
      expectInvalidToken(await register(webClient, 'not-a-token'));
    });

    it('with a revoked, an expired or a used-up token', async () => {
      const revoked = await newToken();
      await admin.request('DELETE', `${tokensPath(TENANT)}/${revoked.id}`);
      expectInvalidToken(await register(webClient, revoked.token));

      const expiring = await newToken({ expiresAt: new Date(Date.now() + 1500).toISOString() });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expectInvalidToken(await register(webClient, expiring.token));

      const single = await newToken({ maxUses: 1 });
      expect((await register(webClient, single.token)).status).toBe(201);
      expectInvalidToken(await register(webClient, single.token));
      const listed = ZInitialAccessTokenList.parse((await admin.request('GET', tokensPath(TENANT))).body);
      expect(listed.data.find((t) => t.id === single.id)).toMatchObject({ status: 'used-up', uses: 1 });
      expect(listed.data.find((t) => t.id === expiring.id)).toMatchObject({ status: 'expired', uses: 0 });
    });

    it("with another tenant's token", async () => {
      const foreign = await createToken(otherAdmin, OTHER);
      expectInvalidToken(await register(webClient, foreign.token));
    });

    it('for metadata our rules refuse, without using up the token', async () => {
      const token = await newToken({ maxUses: 1 });
      const cases: Array<[Record<string, unknown>, string, RegExp]> = [
        [
          { redirect_uris: ['http://agent.example.com/cb'] },
          'invalid_redirect_uri',
          /^redirect_uris\[0] must use https/,
        ],
        [
          {
            application_type: 'native',
            token_endpoint_auth_method: 'none',
            redirect_uris: ['http://localhost/cb'],
          },
          'invalid_redirect_uri',
          /redirect_uris\[0] must name the loopback interface by IP/,
        ],
        [
          { redirect_uris: [REDIRECT], grant_types: ['authorization_code', 'urn:example:unknown'] },
          'invalid_client_metadata',
          /grant_types/,
        ],
        [
          { grant_types: ['client_credentials'], response_types: [], redirect_uris: [REDIRECT] },
          'invalid_client_metadata',
          /does not register m2m clients/,
        ],
        [
          { redirect_uris: [REDIRECT], jwks_uri: 'https://agent.example.com/jwks' },
          'invalid_client_metadata',
          /jwks_uri/,
        ],
        [
          { redirect_uris: [REDIRECT], 'latchkey:first_party': true },
          'invalid_client_metadata',
          /latchkey:first_party/,
        ],
        [
          { redirect_uris: [REDIRECT], client_name: 'x'.repeat(101) },
          'invalid_client_metadata',
          /^client_name /,
        ],
      ];
      for (const [metadata, error, description] of cases) {
        const res = await register(metadata, token.token);
        expect(res.status, JSON.stringify(metadata)).toBe(400);
        expect(res.body.error, JSON.stringify(res.body)).toBe(error);
        expect(res.body.error_description, JSON.stringify(res.body)).toMatch(description);
      }
      // Every refusal left the single use for a valid registration.
      expect((await register(webClient, token.token)).status).toBe(201);
    });

    it('for an m2m client with redirect URIs, even where m2m clients may register', async () => {
      const tenant = await registrationTenant('dcr-m2m', { allowedTypes: ['web', 'spa', 'native', 'm2m'] });
      const token = await tenant.newToken();
      const m2m = { client_name: 'Batch agent', grant_types: ['client_credentials'], response_types: [] };
      expect((await tenant.register({ ...m2m, redirect_uris: [REDIRECT] }, token.token)).body).toMatchObject({
        error: 'invalid_client_metadata',
        error_description: expect.stringMatching(/^redirect_uris must be empty: an m2m application/),
      });
      const ok = await tenant.register(m2m, token.token);
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      const clientId = ok.body.client_id as string;
      expect(await tenant.application(clientId)).toMatchObject({
        type: 'm2m',
        managementAccess: false,
        firstParty: false,
      });
      // It gets tokens for itself, never for the management API.
      const config = await oidc.discovery(
        new URL(`${api.baseUrl}/t/${tenant.slug}`),
        clientId,
        undefined,
        oidc.ClientSecretBasic(ok.body.client_secret as string),
        { execute: [oidc.allowInsecureRequests] },
      );
      await expect(
        oidc.clientCredentialsGrant(config, { resource: `${api.baseUrl}/api/v1` }),
      ).rejects.toMatchObject({ error: 'invalid_target' });
    });
  });

  it('registers a web client (openid-client), which signs a user in with code + PKCE and consent', async () => {
    const token = await newToken();
    const registered = await oidc.dynamicClientRegistration(
      issuer,
      {
        ...webClient,
        client_uri: 'https://agent.example.com',
        logo_uri: 'https://agent.example.com/logo.png',
        // http on loopback may be registered, but the consent page shows https only.
        policy_uri: 'http://localhost:8080/privacy',
        grant_types: ['authorization_code', 'refresh_token'],
      },
      undefined,
      { initialAccessToken: token.token, execute: [oidc.allowInsecureRequests] },
    );
    const metadata = registered.clientMetadata();
    expect(metadata.client_id).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(metadata.client_secret).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(metadata.client_secret_expires_at).toBe(0);
    expect(metadata.registration_access_token).toEqual(expect.any(String));
    expect(metadata.registration_client_uri).toBe(`${registrationEndpoint}/${metadata.client_id}`);

    const app = await applicationByClientId(metadata.client_id);
    expect(app).toMatchObject({
      type: 'web',
      name: 'Research agent',
      firstParty: false,
      managementAccess: false,
      redirectUris: [REDIRECT],
      registration: { initialAccessTokenId: token.id, clientUri: 'https://agent.example.com' },
      clientUri: 'https://agent.example.com',
      logoUri: 'https://agent.example.com/logo.png',
      policyUri: 'http://localhost:8080/privacy',
      tosUri: null,
    });

    const config = await oidc.discovery(
      issuer,
      metadata.client_id,
      undefined,
      oidc.ClientSecretBasic(metadata.client_secret as string),
      { execute: [oidc.allowInsecureRequests] },
    );
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const prompts: InteractionDetails[] = [];
    const steps: SignInSteps = {
      onInteraction: (details) => {
        prompts.push(details);
        return details.prompt.name === 'login'
          ? { action: 'login', body: { identifier: email, password } }
          : { action: 'consent', body: {} };
      },
    };
    const outcome = await new ScriptedBrowser().authorize(url, REDIRECT, steps);
    if (outcome.kind !== 'callback') throw new Error(`sign-in did not complete: ${JSON.stringify(outcome)}`);
    // Third party: the user was asked to consent.
    expect(prompts.map((p) => p.prompt.name)).toEqual(['login', 'consent']);
    expect(prompts[1]?.client).toEqual({
      clientId: metadata.client_id,
      name: 'Research agent',
      firstParty: false,
      // What the consent page shows: https only.
      clientUri: 'https://agent.example.com',
      logoUri: 'https://agent.example.com/logo.png',
    });

    const tokens = await oidc.authorizationCodeGrant(config, outcome.url, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload } = await jwtVerify(tokens.id_token as string, jwks, {
      issuer: issuer.href,
      audience: metadata.client_id,
    });
    expect(payload.email).toBe(email);
  });

  it('manages a registered client with its registration access token (RFC 7592)', async () => {
    const created = await register(
      { ...webClient, logo_uri: 'https://agent.example.com/logo.png' },
      (await newToken()).token,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const clientId = created.body.client_id as string;
    const uri = created.body.registration_client_uri as string;
    const firstToken = created.body.registration_access_token as string;

    const read = await manage('GET', uri, firstToken);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      client_id: clientId,
      client_name: 'Research agent',
      redirect_uris: [REDIRECT],
      logo_uri: 'https://agent.example.com/logo.png',
      client_secret: created.body.client_secret,
      registration_access_token: firstToken,
    });
    // What the registration response said is what later reads say (RFC 7591 §3.2.1).
    expect(read.body).toEqual({ ...created.body, client_id_issued_at: expect.any(Number) });
    expect((await manage('GET', uri, 'wrong-token')).status).toBe(401);

    const updated = await manage('PUT', uri, firstToken, {
      client_id: clientId,
      client_name: 'Research agent v2',
      redirect_uris: [REDIRECT, 'https://agent.example.com/callback2'],
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({
      client_name: 'Research agent v2',
      client_secret: created.body.client_secret,
    });
    expect(updated.body).not.toHaveProperty('logo_uri');
    const secondToken = updated.body.registration_access_token as string;
    expect(secondToken).not.toBe(firstToken);
    expect((await manage('GET', uri, firstToken)).status).toBe(401);
    expect((await manage('GET', uri, secondToken)).body).toMatchObject({ client_name: 'Research agent v2' });

    const app = await applicationByClientId(clientId);
    expect(app).toMatchObject({
      name: 'Research agent v2',
      redirectUris: [REDIRECT, 'https://agent.example.com/callback2'],
      registration: { logoUri: null },
    });

    const invalid = await manage('PUT', uri, secondToken, {
      client_id: clientId,
      redirect_uris: ['http://agent.example.com/cb'],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('invalid_redirect_uri');
    const kindChange = await manage('PUT', uri, secondToken, {
      client_id: clientId,
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
    });
    expect(kindChange.status).toBe(400);
    expect(kindChange.body.error).toBe('invalid_client_metadata');

    expect((await manage('DELETE', uri, secondToken)).status).toBe(204);
    expect((await manage('GET', uri, secondToken)).status).toBe(401);
    expect(await applicationByClientId(clientId)).toBeUndefined();
  });

  it('registers a public MCP-style client on a loopback redirect as a spa, without a secret', async () => {
    const res = await register(
      {
        client_name: 'MCP Inspector',
        redirect_uris: ['http://localhost:6274/oauth/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        scope: 'openid email offline_access',
      },
      (await newToken()).token,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).not.toHaveProperty('client_secret');
    const app = await applicationByClientId(res.body.client_id as string);
    expect(app).toMatchObject({
      type: 'spa',
      tokenEndpointAuthMethod: 'none',
      allowedOrigins: ['http://localhost:6274'],
      registration: { scope: 'openid email offline_access' },
    });
    const viaId = await admin.request('GET', `/api/v1/tenants/${TENANT}/applications/${app?.id}`);
    expect(ZApplication.parse(viaId.body).registration).not.toBeNull();
  });

  it('registers without a token when the tenant opens registration, and not once it closes it', async () => {
    const tenant = await registrationTenant('dcr-open', { requireInitialAccessToken: false });
    const opened = await tenant.register({ ...webClient, client_name: 'Open agent' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const app = await tenant.application(opened.body.client_id as string);
    expect(app?.registration).toMatchObject({ initialAccessTokenId: null });
    await tenant.setRegistration({ requireInitialAccessToken: true });
    await expect.poll(async () => (await tenant.register(webClient)).status).not.toBe(201);
  });

  it('limits registrations per address and per tenant: 429 too_many_requests with Retry-After', async () => {
    const tenant = await registrationTenant('dcr-limits', {
      requireInitialAccessToken: false,
      registrationsPerIpPerHour: 2,
      registrationsPerHour: 3,
    });
    // The server listens on both loopback addresses: two clients with addresses of their own.
    const fromV6 = tenant.endpoint.replace('//127.0.0.1:', '//[::1]:');
    const first = await tenant.register(webClient);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await tenant.register(webClient)).status).toBe(201);

    const limited = await fetch(tenant.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webClient),
    });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(limited.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await limited.json()).toEqual({
      error: 'too_many_requests',
      error_description: expect.stringMatching(/from this address; retry after \d+ seconds$/),
    });
    // Another address still may, until the tenant's own limit (the refusal above did not count).
    expect((await post(fromV6, webClient)).status).toBe(201);
    const tenantFull = await post(fromV6, webClient);
    expect(tenantFull.status).toBe(429);
    expect(tenantFull.body.error_description).toMatch(/for this tenant/);
    // Nothing was created by a refused request.
    const apps = await tenant.admin.request('GET', `/api/v1/tenants/${tenant.slug}/applications?limit=100`);
    expect(ZApplicationList.parse(apps.body).data.filter((app) => app.registration)).toHaveLength(3);

    // RFC 7592 requests are counted apart, with ten times the limit.
    const uri = first.body.registration_client_uri as string;
    let token = first.body.registration_access_token as string;
    for (let i = 0; i < 20; i++) {
      const read = await manage('GET', uri, token);
      expect(read.status, JSON.stringify(read.body)).toBe(200);
      token = (read.body.registration_access_token as string | undefined) ?? token;
    }
    const overRead = await manage('GET', uri, token);
    expect(overRead.status).toBe(429);
    expect(overRead.body.error).toBe('too_many_requests');
    // Other tenants keep their own counts.
    expect((await register(webClient, (await newToken()).token)).status).toBe(201);
  });

  it('validates the rate limit settings', async () => {
    for (const value of [0, 1.5, 10_001, '20']) {
      const res = await admin.request('PATCH', `/api/v1/tenants/${TENANT}`, {
        settings: { dynamicRegistration: { registrationsPerIpPerHour: value } },
      });
      expect(res.status, String(value)).toBe(400);
      expect(errorPaths(res)).toEqual(['settings.dynamicRegistration.registrationsPerIpPerHour']);
    }
  });

  it('stops registering, and serving registered clients their management, when turned off', async () => {
    const tenant = await registrationTenant('dcr-off');
    const created = await tenant.register(webClient, (await tenant.newToken()).token);
    expect(created.status).toBe(201);
    await tenant.setRegistration({ enabled: false });
    await expect.poll(async () => (await discovery(tenant.slug)).registration_endpoint).toBeUndefined();
    const read = await manage(
      'GET',
      created.body.registration_client_uri as string,
      created.body.registration_access_token as string,
    );
    expect(read.status).toBe(404);
    expect((await tenant.register(webClient, (await tenant.newToken()).token)).status).toBe(404);
    // The application itself stays, managed by the tenant's admins.
    expect(await tenant.application(created.body.client_id as string)).toMatchObject({ firstParty: false });
  });
});
