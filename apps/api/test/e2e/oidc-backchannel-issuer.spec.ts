import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TestDnsServer } from '../support/dns-server.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { fetchVia } from '../support/host-fetch.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { passwordSteps, ScriptedBrowser } from '../support/oidc-browser.js';
import { freePort } from '../support/ports.js';

/**
 * Back-channel logout tokens name the issuer the application signed in under. A tenant has one
 * issuer per address; an administrator ending a session (management API) must not send a token
 * naming the path prefix's issuer to an app that signed in on the tenant's custom domain: the app
 * would reject it (OIDC Back-Channel Logout §2.6: `iss` must be the issuer it knows).
 */
describe.each(['redis', 'postgres'] as const)(
  'back-channel logout issuer with artifacts on %s',
  (backend) => {
    const REDIRECT = 'https://app.example.com/callback';
    const password = 'correct horse battery staple';
    const tenant = `bcl-${backend}`;
    const domain = `sso.${tenant}.test`;
    const base = `/api/v1/tenants/${tenant}`;
    let db: TestDatabase;
    let api: LatchkeyProcess;
    let dns: TestDnsServer;
    let fixture: ManagementFixture;
    let admin: ManagementClient;
    let listener: http.Server;
    let received: string[] = [];
    let app: { clientId: string; clientSecret: string };
    let pathIssuer: URL;
    let domainIssuer: URL;

    const newUser = async () => {
      const email = `${randomUUID().slice(0, 8)}@example.com`;
      const res = await admin.request('POST', `${base}/users`, { email, password, emailVerified: true });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { id: (res.body as { id: string }).id, email };
    };

    /** Signs in on `issuer` in a new browser; the ID token's `sid` and the configuration used. */
    async function signIn(issuer: URL, email: string) {
      const config = await oidc.discovery(
        issuer,
        app.clientId,
        undefined,
        oidc.ClientSecretBasic(app.clientSecret),
        {
          execute: [oidc.allowInsecureRequests],
        },
      );
      const verifier = oidc.randomPKCECodeVerifier();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      const outcome = await new ScriptedBrowser().authorize(url, REDIRECT, passwordSteps(email, password));
      if (outcome.kind !== 'callback')
        throw new Error(`sign-in did not complete: ${JSON.stringify(outcome)}`);
      const tokens = await oidc.authorizationCodeGrant(config, outcome.url, { pkceCodeVerifier: verifier });
      expect(tokens.claims()?.iss).toBe(issuer.href.replace(/\/$/, ''));
      return { config, sid: tokens.claims()?.sid as string };
    }

    async function logoutToken(): Promise<string> {
      for (let i = 0; i < 40 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(received).toHaveLength(1);
      return new URLSearchParams(received[0]).get('logout_token') as string;
    }

    /** Verifies the token against the keys the issuer itself publishes, as the relying party does. */
    async function verifiedClaims(token: string, config: oidc.Configuration) {
      const { issuer, jwks_uri } = config.serverMetadata();
      const keys = (await (await fetch(jwks_uri as string)).json()) as JSONWebKeySet;
      const { payload } = await jwtVerify(token, createLocalJWKSet(keys), {
        issuer,
        audience: app.clientId,
        typ: 'logout+jwt',
      });
      return payload;
    }

    const sessionIdOf = async (userId: string): Promise<string> => {
      const res = await admin.request('GET', `${base}/users/${userId}/sessions`);
      const [session, ...others] = (res.body as { data: { id: string }[] }).data;
      expect(others).toEqual([]);
      return session?.id as string;
    };

    beforeAll(async () => {
      listener = http.createServer((req, res) => {
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
      const { port: listenerPort } = listener.address() as { port: number };
      dns = await TestDnsServer.start();
      db = await createTestDatabase(`bcl_${backend}`);
      const port = await freePort();
      api = await LatchkeyProcess.startApi(
        {
          DATABASE_URL: db.url,
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          LATCHKEY_DNS_SERVERS: dns.address,
          LATCHKEY_ALLOW_PRIVATE_NETWORK: 'true',
          LATCHKEY_REDIS_PREFIX: `bcl-${randomUUID().slice(0, 8)}`,
          ...(backend === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}),
        },
        port,
      );
      // Requests to the custom domain reach this server with their own Host header.
      vi.stubGlobal('fetch', fetchVia(port, [domain]));
      fixture = ManagementFixture.open(db.url, api.baseUrl);
      ({ client: admin } = await fixture.tenantWithClient(tenant));
      const added = await admin.request('POST', `${base}/custom-domains`, { hostname: domain });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      const { id, verification } = added.body as {
        id: string;
        verification: { name: string; value: string };
      };
      dns.setTxt(verification.name, [verification.value]);
      expect((await admin.request('POST', `${base}/custom-domains/${id}/verify`)).status).toBe(200);
      pathIssuer = new URL(`${api.baseUrl}/t/${tenant}`);
      domainIssuer = new URL(`http://${domain}:${port}`);
      const created = await admin.request('POST', `${base}/applications`, {
        name: 'Back-channel app',
        type: 'web',
        redirectUris: [REDIRECT],
        backchannelLogoutUri: `http://127.0.0.1:${listenerPort}/backchannel-logout`,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      app = created.body as typeof app;
    }, 120_000);

    afterAll(async () => {
      vi.unstubAllGlobals();
      listener?.close();
      await fixture?.close();
      await api?.stop();
      await dns?.close();
      await db?.drop();
    });

    beforeEach(() => {
      received = [];
    });

    it('an admin revoking a session signed in on the custom domain sends a token of that issuer', async () => {
      const user = await newUser();
      const { config, sid } = await signIn(domainIssuer, user.email);
      const revoked = await admin.request(
        'DELETE',
        `${base}/users/${user.id}/sessions/${await sessionIdOf(user.id)}`,
      );
      expect(revoked.status, JSON.stringify(revoked.body)).toBe(204);

      const token = await logoutToken();
      expect(decodeJwt(token).iss).toBe(`http://${domain}:${domainIssuer.port}`);
      expect(await verifiedClaims(token, config)).toMatchObject({
        sub: user.id,
        sid,
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
      });
    });

    it('signing a user out everywhere uses each session’s own issuer', async () => {
      const user = await newUser();
      const onDomain = await signIn(domainIssuer, user.email);
      const onPath = await signIn(pathIssuer, user.email);
      expect((await admin.request('DELETE', `${base}/users/${user.id}/sessions`)).status).toBe(204);

      for (let i = 0; i < 40 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      const tokens = received.map((body) => new URLSearchParams(body).get('logout_token') as string);
      expect(tokens).toHaveLength(2);
      const bySid = new Map(tokens.map((token) => [decodeJwt(token).sid, token]));
      expect(await verifiedClaims(bySid.get(onDomain.sid) as string, onDomain.config)).toMatchObject({
        iss: domainIssuer.href.replace(/\/$/, ''),
      });
      expect(await verifiedClaims(bySid.get(onPath.sid) as string, onPath.config)).toMatchObject({
        iss: pathIssuer.href,
      });
    });
  },
);
