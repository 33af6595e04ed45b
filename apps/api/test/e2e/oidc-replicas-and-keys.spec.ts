import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
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
 * Two API replicas on one PostgreSQL and Redis (a flow may hop between them), signing key rotation
 * seen by relying parties, the device flow, DPoP replay and expired codes.
 */
const TENANT = 'replicas';
const REDIRECT = 'https://app.example.com/callback';
const API = 'https://api.example.com/reports';
const EMAIL = 'grace@example.com';
const PASSWORD = 'a very long password indeed';

let db: TestDatabase;
let a: LatchkeyProcess;
let b: LatchkeyProcess;
let fixture: ManagementFixture;
let admin: ManagementClient;
let issuer: URL;
let web: { clientId: string; clientSecret: string };
let m2m: { clientId: string; clientSecret: string };
let userId: string;

const discover = (app: { clientId: string; clientSecret: string }) =>
  oidc.discovery(issuer, app.clientId, undefined, oidc.ClientSecretBasic(app.clientSecret), {
    execute: [oidc.allowInsecureRequests],
  });

/** The same client, but every endpoint on replica B. */
async function onReplicaB(config: oidc.Configuration, app: { clientId: string; clientSecret: string }) {
  const metadata = { ...config.serverMetadata() } as Record<string, unknown>;
  for (const [key, value] of Object.entries(metadata)) {
    if (key !== 'issuer' && typeof value === 'string') metadata[key] = value.replace(a.baseUrl, b.baseUrl);
  }
  const configB = new oidc.Configuration(
    metadata as oidc.ServerMetadata,
    app.clientId,
    undefined,
    oidc.ClientSecretBasic(app.clientSecret),
  );
  oidc.allowInsecureRequests(configB);
  return configB;
}

beforeAll(async () => {
  db = await createTestDatabase('oidc_replicas');
  const [portA, portB] = [await freePort(), await freePort()];
  const shared = {
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    LATCHKEY_REDIS_PREFIX: `rep-${randomUUID().slice(0, 8)}`,
    LATCHKEY_MASTER_KEY: randomBytes(32).toString('base64'),
    // One public address in front of both replicas, as behind a load balancer.
    PUBLIC_URL: `http://127.0.0.1:${portA}`,
  };
  a = await LatchkeyProcess.startApi(shared, portA);
  b = await LatchkeyProcess.startApi(shared, portB);
  fixture = ManagementFixture.open(db.url, a.baseUrl);
  ({ client: admin } = await fixture.tenantWithClient(TENANT));
  issuer = new URL(`${a.baseUrl}/t/${TENANT}`);
  const post = async <T>(path: string, body: unknown) => {
    const res = await admin.request('POST', `/api/v1/tenants/${TENANT}${path}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as T;
  };
  userId = (await post<{ id: string }>('/users', { email: EMAIL, password: PASSWORD })).id;
  const resource = await post<{ id: string }>('/api-resources', { identifier: API, name: 'Reports' });
  await post(`/api-resources/${resource.id}/permissions`, { name: 'read:reports' });
  web = await post('/applications', {
    name: 'Reports web',
    type: 'web',
    redirectUris: [REDIRECT],
    grantTypes: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
  });
  const sync = await post<{ id: string; clientId: string; clientSecret: string }>('/applications', {
    name: 'Reports sync',
    type: 'm2m',
  });
  m2m = sync;
  // Granted first: an m2m application gets tokens only for the APIs it was authorized for.
  const granted = await admin.request(
    'PUT',
    `/api/v1/tenants/${TENANT}/applications/${sync.id}/api-access/${resource.id}`,
    { permissions: ['read:reports'] },
  );
  expect(granted.status, JSON.stringify(granted.body)).toBe(200);
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  await a?.stop();
  await b?.stop();
  await db?.drop();
});

async function authorizationUrl(config: oidc.Configuration, verifier: string, state: string) {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid offline_access',
    prompt: 'consent',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
}

describe('two replicas', () => {
  it('completes a flow that hops between them: authorize on A, sign in on B, token on B, refresh on A', async () => {
    const configA = await discover(web);
    const configB = await onReplicaB(configA, web);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    let hops = 0;
    // Alternate replicas on every step of the browser's journey.
    const alternate = (url: URL) => {
      hops++;
      const target = hops % 2 === 0 ? b.baseUrl : a.baseUrl;
      return new URL(url.href.replace(a.baseUrl, target).replace(b.baseUrl, target));
    };
    const outcome = await new ScriptedBrowser().authorize(
      await authorizationUrl(configA, verifier, state),
      REDIRECT,
      passwordSteps(EMAIL, PASSWORD),
      alternate,
    );
    if (outcome.kind !== 'callback') throw new Error(JSON.stringify(outcome));
    expect(hops).toBeGreaterThan(2);
    const tokens = await oidc.authorizationCodeGrant(configB, outcome.url, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()?.sub).toBe(userId);
    const refreshed = await oidc.refreshTokenGrant(configA, tokens.refresh_token as string);
    expect(refreshed.access_token).toBeDefined();
    expect((await oidc.fetchUserInfo(configB, refreshed.access_token, userId)).sub).toBe(userId);
  });
});

describe('signing key rotation', () => {
  const jwksOf = async () =>
    (
      (await (await fetch(`${issuer.href}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }
    ).keys.map((k) => k.kid);
  const m2mToken = async () =>
    (await oidc.clientCredentialsGrant(await discover(m2m), { resource: API })).access_token;
  const verify = (token: string) =>
    jwtVerify(
      token,
      createRemoteJWKSet(new URL(`${issuer.href}/.well-known/jwks.json`), { cacheMaxAge: 0 }),
      {
        issuer: issuer.href,
        audience: API,
      },
    );
  const rotate = async () => {
    const res = await admin.request('POST', `/api/v1/tenants/${TENANT}/signing-keys/rotate`, {});
    expect(res.status).toBe(200);
  };

  it('publishes the next key before use, signs with it after rotation, and keeps the old one for live tokens', async () => {
    const before = await m2mToken();
    const oldKid = decodeProtectedHeader(before).kid as string;
    const published = await jwksOf();
    expect(published[0]).toBe(oldKid);
    const nextKid = published[1] as string;
    expect(nextKid).toBeDefined();

    await rotate();
    // Both replicas heard of the rotation (Redis pub/sub): each signs with the former next key.
    const onA = await discover(m2m);
    for (const config of [onA, await onReplicaB(onA, m2m)]) {
      const token = (await oidc.clientCredentialsGrant(config, { resource: API })).access_token;
      expect(decodeProtectedHeader(token).kid).toBe(nextKid);
    }
    const afterFirst = await jwksOf();
    expect(afterFirst).toContain(oldKid);
    expect(afterFirst[0]).toBe(nextKid);
    await expect(verify(before)).resolves.toBeDefined();

    await rotate();
    // Two rotations later the first key still verifies the token it signed, which has not expired.
    expect(await jwksOf()).toContain(oldKid);
    await expect(verify(before)).resolves.toBeDefined();
  });
});

describe('device authorization (RFC 8628)', () => {
  it('signs a device in once the user confirms the code in a browser', async () => {
    const config = await discover(web);
    const device = await oidc.initiateDeviceAuthorization(config, { scope: 'openid' });
    expect(device.user_code).toMatch(/^[A-Z]{4}-?[A-Z]{4}$/);
    const browser = new ScriptedBrowser();
    // The code page (pre-filled from verification_uri_complete), then the confirmation page.
    let page = await browser.get(device.verification_uri_complete as string);
    const seen: string[] = [];
    while (page.status === 200) {
      const html = await page.text();
      // An auto-submitting page runs its one inline script only because the CSP names its hash.
      const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
      if (script) {
        const hash = createHash('sha256').update(script).digest('base64');
        expect(page.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
      }
      seen.push(/<title>([^<]+)<\/title>/.exec(html)?.[1] ?? '?');
      const form = formOf(html);
      page = await fetch(new URL(form.action, device.verification_uri), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: browser.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form.fields),
      });
      browser.jar.store(page);
      if (seen.length > 3) throw new Error(`stuck on ${seen.join(' → ')}`);
    }
    expect(seen).toEqual(['Submitting Callback', 'Confirm the device']);
    const interaction = new URL(page.headers.get('location') as string, device.verification_uri);
    // The login interaction, then back to the device flow, which ends on the success page.
    const outcome = await browser.authorize(interaction, 'urn:never', passwordSteps(EMAIL, PASSWORD));
    expect(outcome.kind).toBe('error'); // no redirect to a client: the success page is a 200
    if (outcome.kind === 'error') {
      expect(outcome.status, outcome.body).toBe(200);
      expect(outcome.body).toContain('Device connected');
    }
    const tokens = await oidc.pollDeviceAuthorizationGrant(config, { ...device, interval: 0 } as never);
    expect(tokens.claims()?.sub).toBe(userId);
  });
});

describe('replay and expiry', () => {
  it('refuses a replayed DPoP proof', async () => {
    const config = await discover(m2m);
    const tokenEndpoint = config.serverMetadata().token_endpoint as string;
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const proofWith = async (jti: string) =>
      new SignJWT({ htm: 'POST', htu: tokenEndpoint, jti })
        .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(publicKey) })
        .setIssuedAt()
        .sign(privateKey);
    const request = (dpop: string) =>
      fetch(tokenEndpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${m2m.clientId}:${m2m.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          dpop,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource: API }),
      });
    const proof = await proofWith(randomUUID());
    const first = await request(proof);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { token_type: string }).token_type).toBe('DPoP');
    // The same proof again is refused (oidc-provider reports it as invalid_grant at this endpoint)…
    const replay = await request(proof);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
    // …while a fresh proof from the same key is fine: it was the replay that was refused.
    expect((await request(await proofWith(randomUUID()))).status).toBe(200);
  });

  it('refuses an expired authorization code', async () => {
    const config = await discover(web);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const outcome = await new ScriptedBrowser().authorize(
      await authorizationUrl(config, verifier, state),
      REDIRECT,
      passwordSteps(EMAIL, PASSWORD),
    );
    if (outcome.kind !== 'callback') throw new Error(JSON.stringify(outcome));
    // Codes live 60 s; let this one run out by moving the clock of its record instead of waiting.
    const redis = new (await import('ioredis')).Redis(TEST_REDIS_URL);
    try {
      const code = outcome.url.searchParams.get('code') as string;
      const keys = await redis.keys(`*oidc:*:AuthorizationCode:${code}`);
      expect(keys).toHaveLength(1);
      const stored = JSON.parse((await redis.hget(keys[0] as string, 'payload')) as string) as {
        exp: number;
      };
      stored.exp = Math.floor(Date.now() / 1000) - 1;
      await redis.hset(keys[0] as string, 'payload', JSON.stringify(stored));
    } finally {
      redis.disconnect();
    }
    await expect(
      oidc.authorizationCodeGrant(config, outcome.url, { pkceCodeVerifier: verifier, expectedState: state }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
