/**
 * The baseline of the oidc-grants scenario: oidc-provider on its own, as its README starts it
 * (`provider.listen`), with the in-memory adapter it ships (one change, see GrantSetMemoryAdapter),
 * static clients and one ES256 key; no framework, database, cache or tenancy around it. Its
 * configuration mirrors what Latchkey's tenant providers set for the token endpoint
 * (apps/api/src/modules/oidc/tenant-provider.ts), so the difference between the two is Latchkey's
 * own work per request.
 *
 * Plain JavaScript run by plain node, like the built API: no tsx loader in the measured process.
 * oidc-provider and jose are the copies installed for apps/api, so both sides run the same code.
 *
 * Input: one JSON argument (see BareProviderInput in bare-oidc.ts). Output: one JSON line on
 * stdout, `{ issuer, refreshToken }`, once the server listens; the refresh token is minted through
 * the provider's own models (a Grant and a RefreshToken saved by the in-memory adapter), as the
 * code exchange after a sign-in would have.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/api');
const fromApi = createRequire(path.join(API_DIR, 'package.json'));
const providerMain = fromApi.resolve('oidc-provider');
const { default: Provider } = await import(pathToFileURL(providerMain).href);
const memoryAdapter = path.join(path.dirname(providerMain), 'adapters/memory_adapter.js');
const { default: MemoryAdapter } = await import(pathToFileURL(memoryAdapter).href);
const { exportJWK, generateKeyPair } = await import(pathToFileURL(fromApi.resolve('jose')).href);

const input = JSON.parse(process.argv[2] ?? '{}');
const DAY = 24 * 60 * 60;
/** oidc-provider's default (seconds); the stock adapter keeps artifacts this much past their expiry. */
const CLOCK_TOLERANCE = 15;
const issuer = `http://127.0.0.1:${input.port}`;

const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), alg: 'ES256', use: 'sig', kid: 'bench' };

/** The models whose artifacts the stock adapter indexes by grant (for revocation). */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

/**
 * oidc-provider's in-memory adapter (its LRU store, expiry on read, consume, revocation) with one
 * change: the per-grant index of artifacts. The stock adapter keeps a grant's members in a Map and
 * recomputes the index's expiry over all of them on every save, so one grant refreshed thousands of
 * times a second gets slower with each token it has issued (on this machine, 2,400 refresh grants/s
 * in the first 5 s, 900/s in the third 5 s). Latchkey keeps that index as a Redis set (SADD, O(1));
 * here a Set does the same, and the stock code still reads it (it accepts a Set of keys).
 */
class GrantSetMemoryAdapter extends MemoryAdapter {
  async upsert(id, payload, expiresIn) {
    const key = this.key(id);
    // A re-save drops the old indexes first, as the stock upsert does (not on the measured paths).
    if (this.storage.get(key)) await this.destroy(id);
    const options =
      typeof expiresIn === 'number' ? { maxAge: (expiresIn + this.clockTolerance) * 1000 } : undefined;
    if (this.model === 'Session') this.storage.set(`sessionUid:${payload.uid}`, id, options);
    if (payload.userCode) this.storage.set(`userCode:${payload.userCode}`, id, options);
    if (payload.grantId && GRANTABLE.has(this.model)) {
      const index = `grant:${payload.grantId}`;
      const members = this.storage.get(index);
      this.storage.set(
        index,
        members instanceof Set ? members.add(key) : new Set([...(members?.keys() ?? []), key]),
      );
    }
    this.storage.set(key, payload, options);
  }
}

const provider = new Provider(issuer, {
  adapter: (model) => new GrantSetMemoryAdapter(model, undefined, CLOCK_TOLERANCE),
  clockTolerance: CLOCK_TOLERANCE,
  clients: [
    {
      client_id: input.m2m.clientId,
      client_secret: input.m2m.clientSecret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      client_id: input.web.clientId,
      client_secret: input.web.clientSecret,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [input.web.redirectUri],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  scopes: ['openid', 'offline_access', 'profile', 'email'],
  responseTypes: ['code'],
  pkce: { required: () => true },
  conformIdTokenClaims: false,
  routes: {
    authorization: '/oauth2/authorize',
    token: '/oauth2/token',
    userinfo: '/oauth2/userinfo',
    jwks: '/.well-known/jwks.json',
    end_session: '/oauth2/logout',
    introspection: '/oauth2/introspect',
    revocation: '/oauth2/revoke',
    pushed_authorization_request: '/oauth2/par',
    device_authorization: '/oauth2/device/code',
    code_verification: '/oauth2/device',
  },
  // The one user, held in memory: Latchkey reads its user from PostgreSQL on every refresh.
  findAccount: (_ctx, sub) =>
    sub === input.accountId ? { accountId: sub, claims: () => ({ sub, email: input.email }) } : undefined,
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    userinfo: { enabled: true },
    claimsParameter: { enabled: true },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    deviceFlow: { enabled: true },
    pushedAuthorizationRequests: { enabled: true },
    dPoP: { enabled: true },
    requestObjects: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => true,
      // The shape Latchkey answers for an API resource, from a constant instead of a query.
      getResourceServerInfo: (_ctx, indicator) => {
        if (indicator !== input.resource) throw new Provider.errors.InvalidTarget();
        return {
          scope: input.permissions.join(' '),
          audience: indicator,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'ES256' } },
        };
      },
    },
  },
  ttl: {
    AccessToken: 3600,
    ClientCredentials: 3600,
    IdToken: 3600,
    RefreshToken: 30 * DAY,
    AuthorizationCode: 60,
    DeviceCode: 600,
    Interaction: 3600,
    Grant: 365 * DAY,
    Session: DAY,
  },
  rotateRefreshToken: false,
  // Latchkey's RFC 9068 tokens list the granted permissions too: same claims, same token size.
  extraTokenClaims: (_ctx, token) => {
    if (!token.resourceServer || !token.scope) return undefined;
    return { permissions: token.scope.split(' ').filter((s) => token.resourceServer.scopes.has(s)) };
  },
  clientDefaults: {
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'ES256',
  },
});
provider.on('server_error', (_ctx, err) => console.error('server_error', err));

const refreshToken = await mintRefreshToken();
const server = provider.listen(input.port, '127.0.0.1', () => {
  console.log(JSON.stringify({ issuer, refreshToken }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

/** What the code exchange after a sign-in with `openid offline_access` stores, built directly. */
async function mintRefreshToken() {
  const client = await provider.Client.find(input.web.clientId);
  const grant = new provider.Grant({ clientId: client.clientId, accountId: input.accountId });
  grant.addOIDCScope('openid offline_access');
  const grantId = await grant.save();
  const token = new provider.RefreshToken({
    client,
    accountId: input.accountId,
    grantId,
    gty: 'authorization_code',
    scope: 'openid offline_access',
    authTime: Math.floor(Date.now() / 1000),
    amr: ['pwd'],
    sessionUid: randomBytes(16).toString('base64url'),
    sid: randomBytes(16).toString('base64url'),
    rotations: 0,
  });
  return token.save();
}
