import { randomUUID } from 'node:crypto';
import http from 'node:http';
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
} from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { formOf, passwordSteps, ScriptedBrowser } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';

/**
 * The tenant's OpenID Provider seen by a real relying party (openid-client v6) and verified with
 * jose, on Redis (short-lived artifacts) and on PostgreSQL only (the zero-setup mode).
 */
describe.each(['redis', 'postgres'] as const)('OIDC flows with short-lived artifacts on %s', (backend) => {
  const REDIRECT = 'https://app.example.com/callback';
  const API = 'https://api.example.com/invoices';
  let db: TestDatabase;
  let api: LatchkeyProcess;
  let fixture: ManagementFixture;
  let admin: ManagementClient;
  let issuer: URL;
  let web: { clientId: string; clientSecret: string };
  let m2m: { id: string; clientId: string; clientSecret: string };
  let spa: { clientId: string };
  let exchanger: { id: string; clientId: string; clientSecret: string };
  const LEDGER = 'https://api.example.com/ledger';
  let userId: string;
  const tenant = `oidc-${backend}`;
  const email = 'ada@example.com';
  const password = 'correct horse battery staple';

  const created = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await admin.request('POST', `/api/v1/tenants/${tenant}${path}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as T;
  };
  const webConfig = () =>
    oidc.discovery(issuer, web.clientId, undefined, oidc.ClientSecretBasic(web.clientSecret), {
      execute: [oidc.allowInsecureRequests],
    });

  beforeAll(async () => {
    db = await createTestDatabase(`oidc_${backend}`);
    const port = await freePort();
    api = await LatchkeyProcess.startApi(
      {
        DATABASE_URL: db.url,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        // The back-channel logout test's app listens on loopback.
        LATCHKEY_ALLOW_PRIVATE_NETWORK: 'true',
        LATCHKEY_REDIS_PREFIX: `oidc-${randomUUID().slice(0, 8)}`,
        ...(backend === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}),
      },
      port,
    );
    fixture = ManagementFixture.open(db.url, api.baseUrl);
    ({ client: admin } = await fixture.tenantWithClient(tenant));
    issuer = new URL(`${api.baseUrl}/t/${tenant}`);

    const user = await created<{ id: string }>('/users', {
      email,
      password,
      emailVerified: true,
      givenName: 'Ada',
    });
    userId = user.id;
    const resource = await created<{ id: string }>('/api-resources', { identifier: API, name: 'Invoices' });
    const read = await created<{ id: string }>(`/api-resources/${resource.id}/permissions`, {
      name: 'read:invoices',
    });
    await created(`/api-resources/${resource.id}/permissions`, { name: 'write:invoices' });
    const role = await created<{ id: string }>('/roles', { name: 'reader' });
    expect(
      (
        await admin.request('PUT', `/api/v1/tenants/${tenant}/roles/${role.id}/permissions`, {
          permissionIds: [read.id],
        })
      ).status,
    ).toBe(200);
    expect(
      (await admin.request('POST', `/api/v1/tenants/${tenant}/users/${userId}/roles`, { roleIds: [role.id] }))
        .status,
    ).toBeLessThan(300);

    const ledger = await created<{ id: string }>('/api-resources', { identifier: LEDGER, name: 'Ledger' });
    const readLedger = await created<{ id: string }>(`/api-resources/${ledger.id}/permissions`, {
      name: 'read:ledger',
    });
    await created(`/api-resources/${ledger.id}/permissions`, { name: 'close:ledger' });
    expect(
      (
        await admin.request('PUT', `/api/v1/tenants/${tenant}/roles/${role.id}/permissions`, {
          permissionIds: [read.id, readLedger.id],
        })
      ).status,
    ).toBe(200);
    exchanger = await created('/applications', {
      name: 'Invoices API back end',
      type: 'web',
      redirectUris: ['https://invoices.example.com/cb', REDIRECT],
      grantTypes: ['authorization_code', 'urn:ietf:params:oauth:grant-type:token-exchange'],
    });
    // The invoices API's back end: it may exchange the tokens issued for that API (and only those).
    const backEnd = await admin.request(
      'PUT',
      `/api/v1/tenants/${tenant}/applications/${exchanger.id}/api-access/${resource.id}`,
      { permissions: [] },
    );
    expect(backEnd.status, JSON.stringify(backEnd.body)).toBe(200);
    web = await created('/applications', {
      name: 'Billing web',
      type: 'web',
      redirectUris: [REDIRECT],
      postLogoutRedirectUris: ['https://app.example.com/signed-out'],
    });
    m2m = await created('/applications', { name: 'Nightly sync', type: 'm2m' });
    // An m2m application gets tokens only for the APIs it was granted, with the granted permissions.
    const granted = await admin.request(
      'PUT',
      `/api/v1/tenants/${tenant}/applications/${m2m.id}/api-access/${resource.id}`,
      { permissions: ['read:invoices', 'write:invoices'] },
    );
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    spa = await created('/applications', { name: 'Billing SPA', type: 'spa', redirectUris: [REDIRECT] });
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
    await api?.stop();
    await db?.drop();
  });

  async function signIn(config: oidc.Configuration, extra: Record<string, string> = {}, as = email) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile email offline_access',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      prompt: 'consent',
      ...extra,
    });
    const browser = new ScriptedBrowser();
    const outcome = await browser.authorize(url, REDIRECT, passwordSteps(as, password));
    if (outcome.kind !== 'callback') throw new Error(`sign-in did not complete: ${JSON.stringify(outcome)}`);
    return { callback: outcome.url, verifier, state, browser };
  }

  it('publishes discovery with this tenant as issuer and its endpoints under it', async () => {
    const config = await webConfig();
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer.href);
    expect(metadata.token_endpoint).toBe(`${issuer.href}/oauth2/token`);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
    );
  });

  it('signs a user in with code + PKCE; the ID token verifies against the JWKS', async () => {
    const config = await webConfig();
    const { callback, verifier, state, browser } = await signIn(config);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const claims = tokens.claims();
    expect(claims?.sub).toBe(userId);
    expect(claims?.email).toBe(email);
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token as string, jwks, {
      issuer: issuer.href,
      audience: web.clientId,
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.given_name).toBe('Ada');

    // The SSO session cookie belongs to this tenant's path only (tenants share the host here).
    const sessionCookies = browser.jar.received.filter((c) => c.startsWith('_session='));
    expect(sessionCookies.length).toBeGreaterThan(0);
    for (const cookie of sessionCookies) expect(cookie).toMatch(new RegExp(`path=/t/${tenant};`, 'i'));

    const info = await oidc.fetchUserInfo(config, tokens.access_token, userId);
    expect(info).toMatchObject({ sub: userId, email, email_verified: true });
  });

  it('gives a first-party app a refresh token without a consent screen', async () => {
    const config = await webConfig();
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid offline_access',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const prompts: string[] = [];
    const steps = passwordSteps(email, password);
    const outcome = await new ScriptedBrowser().authorize(url, REDIRECT, {
      onInteraction: (details) => {
        prompts.push(details.prompt.name);
        return steps.onInteraction(details);
      },
    });
    if (outcome.kind !== 'callback') throw new Error(JSON.stringify(outcome));
    expect(prompts).toEqual(['login']);
    const tokens = await oidc.authorizationCodeGrant(config, outcome.url, { pkceCodeVerifier: verifier });
    expect(tokens.refresh_token).toBeDefined();
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const config = await webConfig();
    const { callback, verifier, state } = await signIn(config);
    const first = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const second = await oidc.refreshTokenGrant(config, first.refresh_token as string);
    expect(second.refresh_token).toBeDefined();
    expect(second.refresh_token).not.toBe(first.refresh_token);

    await expect(oidc.refreshTokenGrant(config, first.refresh_token as string)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // The reuse revoked the grant: the newest refresh token and its access token are dead too.
    await expect(oidc.refreshTokenGrant(config, second.refresh_token as string)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const introspected = await oidc.tokenIntrospection(config, second.access_token);
    expect(introspected.active).toBe(false);
  });

  it('reads the user on every refresh: a new name shows, a suspended user gets no tokens', async () => {
    const other = `grace-${randomUUID().slice(0, 8)}@example.com`;
    const user = await created<{ id: string }>('/users', {
      email: other,
      password,
      emailVerified: true,
      givenName: 'Grace',
    });
    const config = await webConfig();
    const { callback, verifier, state } = await signIn(
      config,
      { scope: 'openid profile offline_access' },
      other,
    );
    const first = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(first.claims()).toMatchObject({ sub: user.id, given_name: 'Grace' });

    const userPath = `/api/v1/tenants/${tenant}/users/${user.id}`;
    expect((await admin.request('PATCH', userPath, { givenName: 'Grace B.' })).status).toBe(200);
    const renamed = await oidc.refreshTokenGrant(config, first.refresh_token as string);
    expect(renamed.claims()).toMatchObject({ sub: user.id, given_name: 'Grace B.' });

    expect((await admin.request('PATCH', userPath, { status: 'suspended' })).status).toBe(200);
    await expect(
      oidc.refreshTokenGrant(config, renamed.refresh_token ?? (first.refresh_token as string)),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('issues RFC 9068 access tokens for an API resource with the user’s permissions', async () => {
    const config = await webConfig();
    const { callback, verifier, state } = await signIn(config, {
      resource: API,
      scope: 'openid read:invoices write:invoices',
    });
    const tokens = await oidc.authorizationCodeGrant(
      config,
      callback,
      { pkceCodeVerifier: verifier, expectedState: state },
      { resource: API },
    );
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe('at+jwt');
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: issuer.href, audience: API });
    expect(payload.sub).toBe(userId);
    expect(payload.client_id).toBe(web.clientId);
    // The user's role grants read only: write was asked for and not given.
    expect(payload.scope).toBe('read:invoices');
    expect(payload.permissions).toEqual(['read:invoices']);
  });

  it('issues opaque access tokens for an API set to opaque; the API introspects them', async () => {
    const REPORTS = 'https://api.example.com/reports';
    const resource = await created<{ id: string; accessTokenFormat: string }>('/api-resources', {
      identifier: REPORTS,
      name: 'Reports',
      accessTokenFormat: 'opaque',
    });
    expect(resource.accessTokenFormat).toBe('opaque');
    const read = await created<{ id: string }>(`/api-resources/${resource.id}/permissions`, {
      name: 'read:reports',
    });
    await created(`/api-resources/${resource.id}/permissions`, { name: 'export:reports' });
    const role = await created<{ id: string }>('/roles', { name: 'report-reader' });
    const path = `/api/v1/tenants/${tenant}`;
    expect(
      (await admin.request('PUT', `${path}/roles/${role.id}/permissions`, { permissionIds: [read.id] }))
        .status,
    ).toBe(200);
    expect(
      (await admin.request('POST', `${path}/users/${userId}/roles`, { roleIds: [role.id] })).status,
    ).toBeLessThan(300);
    // The API's own back end: an m2m application granted the resource (no permission needed).
    const reportsApi = await created<{ id: string; clientId: string; clientSecret: string }>(
      '/applications',
      { name: 'Reports API', type: 'm2m' },
    );
    expect(
      (
        await admin.request('PUT', `${path}/applications/${reportsApi.id}/api-access/${resource.id}`, {
          permissions: [],
        })
      ).status,
    ).toBe(200);

    const config = await webConfig();
    const { callback, verifier, state } = await signIn(config, {
      resource: REPORTS,
      scope: 'openid offline_access read:reports export:reports',
    });
    const tokens = await oidc.authorizationCodeGrant(
      config,
      callback,
      { pkceCodeVerifier: verifier, expectedState: state },
      { resource: REPORTS },
    );
    expect(tokens.access_token.split('.')).toHaveLength(1);
    const expected = {
      active: true,
      sub: userId,
      client_id: web.clientId,
      aud: REPORTS,
      iss: issuer.href,
      // The user's role grants read only: export was asked for and not given.
      scope: 'read:reports',
      permissions: ['read:reports'],
      token_type: 'Bearer',
    };
    expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject(expected);
    const asApi = await oidc.discovery(
      issuer,
      reportsApi.clientId,
      undefined,
      oidc.ClientSecretBasic(reportsApi.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    expect(await oidc.tokenIntrospection(asApi, tokens.access_token)).toMatchObject(expected);
    // An application granted another API learns nothing about this one's tokens.
    const other = await oidc.discovery(
      issuer,
      m2m.clientId,
      undefined,
      oidc.ClientSecretBasic(m2m.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    expect((await oidc.tokenIntrospection(other, tokens.access_token)).active).toBe(false);
    // Client credentials for an opaque API are opaque too, introspectable by the application itself.
    const own = await oidc.clientCredentialsGrant(asApi, { resource: REPORTS });
    expect(own.access_token.split('.')).toHaveLength(1);
    expect(await oidc.tokenIntrospection(asApi, own.access_token)).toMatchObject({
      active: true,
      client_id: reportsApi.clientId,
      aud: REPORTS,
      permissions: [],
    });

    // Switching the API to JWT applies to the next token (the change drops the cached provider).
    expect(
      (await admin.request('PATCH', `${path}/api-resources/${resource.id}`, { accessTokenFormat: 'jwt' }))
        .status,
    ).toBe(200);
    // With Redis the change reaches this replica's provider cache through pub/sub: wait for it.
    for (let i = 0; i < 40; i++) {
      const probe = await oidc.clientCredentialsGrant(asApi, { resource: REPORTS });
      if (probe.access_token.split('.').length === 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token as string, {
      resource: REPORTS,
    });
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload } = await jwtVerify(refreshed.access_token, jwks, {
      issuer: issuer.href,
      audience: REPORTS,
    });
    expect(payload.permissions).toEqual(['read:reports']);

    // Unlike a JWT, an opaque token stops at once when revoked; the API's introspection says so.
    expect((await oidc.tokenIntrospection(asApi, tokens.access_token)).active).toBe(true);
    await oidc.tokenRevocation(config, tokens.access_token);
    expect((await oidc.tokenIntrospection(asApi, tokens.access_token)).active).toBe(false);
  });

  it('exchanges a user access token for another API on the user’s behalf (RFC 8693)', async () => {
    const config = await webConfig();
    const { callback, verifier, state } = await signIn(config, {
      resource: API,
      scope: 'openid read:invoices',
    });
    const subject = (
      await oidc.authorizationCodeGrant(
        config,
        callback,
        { pkceCodeVerifier: verifier, expectedState: state },
        { resource: API },
      )
    ).access_token;
    const backEnd = await oidc.discovery(
      issuer,
      exchanger.clientId,
      undefined,
      oidc.ClientSecretBasic(exchanger.clientSecret),
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    const exchange = (parameters: Record<string, string>) =>
      oidc.genericGrantRequest(backEnd, 'urn:ietf:params:oauth:grant-type:token-exchange', {
        subject_token: subject,
        subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        resource: LEDGER,
        ...parameters,
      });
    const exchanged = await exchange({ scope: 'read:ledger close:ledger' });
    expect(exchanged.issued_token_type).toBe('urn:ietf:params:oauth:token-type:access_token');
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload } = await jwtVerify(exchanged.access_token, jwks, {
      issuer: issuer.href,
      audience: LEDGER,
    });
    expect(payload).toMatchObject({
      sub: userId,
      client_id: exchanger.clientId,
      act: { sub: exchanger.clientId },
      // The user may read the ledger but not close it: the exchange cannot widen what the user may do.
      scope: 'read:ledger',
      permissions: ['read:ledger'],
    });

    await expect(exchange({ subject_token: 'not-a-token' })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(exchange({ resource: 'https://unknown.example.com' })).rejects.toMatchObject({
      error: 'invalid_target',
    });
    await expect(
      exchange({ subject_token_type: 'urn:ietf:params:oauth:token-type:id_token' }),
    ).rejects.toMatchObject({
      error: 'invalid_request',
    });
    // Only tokens meant for the back end: issued for an API it was granted, or to itself.
    const forLedger = await signIn(config, { resource: LEDGER, scope: 'openid read:ledger' });
    const ledgerToken = (
      await oidc.authorizationCodeGrant(
        config,
        forLedger.callback,
        { pkceCodeVerifier: forLedger.verifier, expectedState: forLedger.state },
        { resource: LEDGER },
      )
    ).access_token;
    const notForUs = {
      error: 'invalid_grant',
      error_description: expect.stringMatching(/issued neither to this client/),
    };
    await expect(exchange({ subject_token: ledgerToken })).rejects.toMatchObject(notForUs);
    const plain = await signIn(config, { scope: 'openid' });
    const webOwn = (
      await oidc.authorizationCodeGrant(config, plain.callback, {
        pkceCodeVerifier: plain.verifier,
        expectedState: plain.state,
      })
    ).access_token;
    await expect(exchange({ subject_token: webOwn })).rejects.toMatchObject(notForUs);
    const own = await signIn(backEnd, { scope: 'openid' });
    const backEndOwn = (
      await oidc.authorizationCodeGrant(backEnd, own.callback, {
        pkceCodeVerifier: own.verifier,
        expectedState: own.state,
      })
    ).access_token;
    const fromOwn = await exchange({ subject_token: backEndOwn, scope: 'read:ledger' });
    expect(decodeJwt(fromOwn.access_token)).toMatchObject({ sub: userId, act: { sub: exchanger.clientId } });

    // A client's own token has no user to act for.
    const m2mConfig = await oidc.discovery(
      issuer,
      m2m.clientId,
      undefined,
      oidc.ClientSecretBasic(m2m.clientSecret),
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    const clientToken = (await oidc.clientCredentialsGrant(m2mConfig, { resource: API })).access_token;
    await expect(exchange({ subject_token: clientToken })).rejects.toMatchObject({ error: 'invalid_grant' });
    // Only clients registered for the grant may exchange.
    await expect(
      oidc.genericGrantRequest(config, 'urn:ietf:params:oauth:grant-type:token-exchange', {
        subject_token: subject,
        subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        resource: LEDGER,
      }),
    ).rejects.toMatchObject({
      error: 'invalid_request',
      error_description: 'requested grant type is not allowed for this client',
    });
  });

  it('grants client_credentials to an m2m application', async () => {
    const config = await oidc.discovery(
      issuer,
      m2m.clientId,
      undefined,
      oidc.ClientSecretBasic(m2m.clientSecret),
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    const tokens = await oidc.clientCredentialsGrant(config, { resource: API, scope: 'read:invoices' });
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: issuer.href, audience: API });
    expect(payload.client_id).toBe(m2m.clientId);
    expect(payload.sub).toBe(m2m.clientId);
    expect(payload.scope).toBe('read:invoices');
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const config = await oidc.discovery(
      issuer,
      m2m.clientId,
      undefined,
      oidc.ClientSecretBasic('not-the-secret'),
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    // Basic authentication failures answer 401 with the error in the WWW-Authenticate challenge.
    await expect(oidc.clientCredentialsGrant(config, { resource: API })).rejects.toMatchObject({
      status: 401,
      cause: [{ scheme: 'basic', parameters: { error: 'invalid_client' } }],
    });
  });

  it('refuses a secret of the right length that differs in its last character', async () => {
    const secret = m2m.clientSecret;
    const nearMiss = `${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    const config = await oidc.discovery(issuer, m2m.clientId, undefined, oidc.ClientSecretBasic(nearMiss), {
      execute: [oidc.allowInsecureRequests],
    });
    await expect(oidc.clientCredentialsGrant(config, { resource: API })).rejects.toMatchObject({
      status: 401,
      cause: [{ scheme: 'basic', parameters: { error: 'invalid_client' } }],
    });
  });

  it('introspects and revokes access tokens', async () => {
    const config = await webConfig();
    const { callback, verifier, state } = await signIn(config);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject({
      active: true,
      sub: userId,
      client_id: web.clientId,
    });
    // Another application of the same tenant learns nothing about it.
    const other = await oidc.discovery(
      issuer,
      m2m.clientId,
      undefined,
      oidc.ClientSecretBasic(m2m.clientSecret),
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    expect((await oidc.tokenIntrospection(other, tokens.access_token)).active).toBe(false);
    await oidc.tokenRevocation(config, tokens.access_token);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('refuses a reused authorization code and revokes what it issued', async () => {
    const config = await webConfig();
    const { callback, verifier, state } = await signIn(config);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    await expect(
      oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('requires PKCE with S256 from a public client', async () => {
    const config = await oidc.discovery(issuer, spa.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    const browser = new ScriptedBrowser();
    const withoutPkce = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid' });
    const refused = await browser.get(withoutPkce);
    const location = new URL(refused.headers.get('location') as string);
    expect(location.href.startsWith(REDIRECT)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');

    const plain = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'plain',
    });
    const refusedPlain = new URL((await browser.get(plain)).headers.get('location') as string);
    expect(refusedPlain.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses an unregistered or prefix-matched redirect_uri without redirecting', async () => {
    const config = await webConfig();
    for (const redirectUri of ['https://evil.example.com/callback', `${REDIRECT}/extra`, `${REDIRECT}?x=1`]) {
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      });
      const res = await new ScriptedBrowser().get(url);
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('redirect_uri');
    }
  });

  it('pushes authorization requests (PAR) and binds tokens to a DPoP key', async () => {
    const config = await webConfig();
    const dpop = oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair());
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = await oidc.buildAuthorizationUrlWithPAR(
      config,
      {
        redirect_uri: REDIRECT,
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      },
      { DPoP: dpop },
    );
    expect(url.searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    const outcome = await new ScriptedBrowser().authorize(url, REDIRECT, passwordSteps(email, password));
    if (outcome.kind !== 'callback') throw new Error(JSON.stringify(outcome));
    const tokens = await oidc.authorizationCodeGrant(
      config,
      outcome.url,
      { pkceCodeVerifier: verifier, expectedState: state },
      undefined,
      { DPoP: dpop },
    );
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    const info = await oidc.fetchUserInfo(config, tokens.access_token, userId, { DPoP: dpop });
    expect(info.sub).toBe(userId);
    // Without the proof the bound token is useless.
    await expect(oidc.fetchUserInfo(config, tokens.access_token, userId)).rejects.toBeDefined();
  });

  it('authenticates with private_key_jwt and accepts a signed request object (JAR)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid: 'rp-key-1', alg: 'ES256', use: 'sig' };
    const app = await created<{ clientId: string }>('/applications', {
      name: 'Keyed web app',
      type: 'web',
      redirectUris: [REDIRECT],
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: { keys: [publicJwk] },
    });
    const key = { key: privateKey, kid: 'rp-key-1' };
    const config = await oidc.discovery(issuer, app.clientId, undefined, oidc.PrivateKeyJwt(key), {
      execute: [oidc.allowInsecureRequests],
    });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = await oidc.buildAuthorizationUrlWithJAR(
      config,
      {
        redirect_uri: REDIRECT,
        scope: 'openid email',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      },
      key,
    );
    // Only client_id and the signed request travel in the URL.
    expect([...url.searchParams.keys()].sort()).toEqual(['client_id', 'request']);
    const outcome = await new ScriptedBrowser().authorize(url, REDIRECT, passwordSteps(email, password));
    if (outcome.kind !== 'callback') throw new Error(JSON.stringify(outcome));
    const tokens = await oidc.authorizationCodeGrant(config, outcome.url, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()?.sub).toBe(userId);

    // A request object signed by another key is refused.
    const stranger = await generateKeyPair('ES256');
    const forged = await oidc.buildAuthorizationUrlWithJAR(
      config,
      {
        redirect_uri: REDIRECT,
        scope: 'openid',
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'S256',
      },
      { key: stranger.privateKey, kid: 'rp-key-1' },
    );
    const refused = await new ScriptedBrowser().get(forged);
    const location = refused.headers.get('location');
    const error = location ? new URL(location).searchParams.get('error') : await refused.text();
    expect(error).toContain('invalid_request_object');
  });

  it('ends the session with RP-initiated logout', async () => {
    const config = await webConfig();
    const { callback, verifier, state, browser } = await signIn(config);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const logoutUrl = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token as string,
      post_logout_redirect_uri: 'https://app.example.com/signed-out',
    });
    const confirm = await browser.get(logoutUrl);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1];
    const action = /action="([^"]+)"/.exec(page)?.[1];
    expect(xsrf && action).toBeTruthy();
    const done = await fetch(new URL(action as string, logoutUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: browser.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf as string, logout: 'yes' }),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/signed-out/);

    // The SSO session is gone: a new authorization asks for the password again.
    const again = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    browser.jar.store(done);
    const outcome = await browser.authorize(again, REDIRECT, { onInteraction: () => undefined });
    expect(outcome.kind === 'interaction' && outcome.details.prompt.name).toBe('login');
  });

  it('notifies an app with a back-channel logout URI when the user signs out', async () => {
    const received: string[] = [];
    const listener = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = listener.address() as { port: number };
      const app = await created<{ clientId: string; clientSecret: string }>('/applications', {
        name: 'Back-channel app',
        type: 'web',
        redirectUris: [REDIRECT],
        postLogoutRedirectUris: ['https://app.example.com/signed-out'],
        backchannelLogoutUri: `http://127.0.0.1:${port}/backchannel-logout`,
      });
      const config = await oidc.discovery(
        issuer,
        app.clientId,
        undefined,
        oidc.ClientSecretBasic(app.clientSecret),
        {
          execute: [oidc.allowInsecureRequests],
        },
      );
      const { callback, verifier, state, browser } = await signIn(config);
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      const sid = tokens.claims()?.sid;
      expect(sid).toBeDefined();

      const logoutUrl = oidc.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token as string,
        post_logout_redirect_uri: 'https://app.example.com/signed-out',
      });
      const confirm = formOf(await (await browser.get(logoutUrl)).text());
      const done = await fetch(new URL(confirm.action, logoutUrl), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: browser.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...confirm.fields, logout: 'yes' }),
      });
      expect(done.status).toBe(303);

      // Delivery runs alongside the logout response: give it a moment.
      for (let i = 0; i < 40 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(received, JSON.stringify(api.logs.filter((l) => /back/i.test(JSON.stringify(l))))).toHaveLength(
        1,
      );
      const logoutToken = new URLSearchParams(received[0]).get('logout_token') as string;
      const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
      const { payload, protectedHeader } = await jwtVerify(logoutToken, jwks, {
        issuer: issuer.href,
        audience: app.clientId,
        typ: 'logout+jwt',
      });
      expect(protectedHeader.typ).toBe('logout+jwt');
      expect(payload).toMatchObject({
        sub: userId,
        sid,
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
      });
    } finally {
      listener.close();
    }
  });

  it('answers the interaction API with problems: bad password, missing CSRF token, expired uid', async () => {
    const config = await webConfig();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const browser = new ScriptedBrowser();
    const outcome = await browser.authorize(url, REDIRECT, { onInteraction: () => undefined });
    if (outcome.kind !== 'interaction') throw new Error(JSON.stringify(outcome));
    const loginUrl = `${outcome.interactionUrl.href}/login`;
    const csrf = { 'x-csrf-token': outcome.details.csrfToken };

    const wrong = await browser.postJson(loginUrl, { identifier: email, password: 'wrong password!' }, csrf);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(((await wrong.json()) as { type: string }).type).toMatch(/invalid-credentials$/);

    const unknown = await browser.postJson(loginUrl, { identifier: 'nobody@example.com', password }, csrf);
    expect(unknown.status).toBe(401);

    const noCsrf = await browser.postJson(loginUrl, { identifier: email, password });
    expect(noCsrf.status).toBe(403);

    const invalid = await browser.postJson(loginUrl, { identifier: '', password }, csrf);
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(
      'identifier',
    );

    const stranger = new ScriptedBrowser(); // no interaction cookie
    const expired = await stranger.get(`${outcome.interactionUrl.href}/details`);
    expect(expired.status).toBe(410);
  });
});
