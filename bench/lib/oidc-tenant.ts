import { randomBytes } from 'node:crypto';
import type { ApiServer } from './api-server.js';
import { createApiKey } from './cli.js';
import { signInWithPassword } from './oidc-sign-in.js';

/** What the OIDC grant scenarios need of a tenant: its issuer, two clients, a resource, a user. */
export interface OidcTenant {
  issuer: string;
  tokenUrl: string;
  resource: string;
  permissions: string[];
  m2m: { clientId: string; clientSecret: string };
  web: { clientId: string; clientSecret: string; redirectUri: string };
  user: { id: string; email: string };
  /** From one real sign-in of the user to the web application (`openid offline_access`). */
  refreshToken: string;
}

const TENANT = 'bench-oidc';
const RESOURCE = 'https://api.bench.example';
const PERMISSION = 'read:things';
const REDIRECT_URI = 'https://app.bench.example/cb';
const EMAIL = 'ada@bench.example';

/**
 * Sets a tenant up through the management API, as an operator would with a platform key: an API
 * resource with one permission, an m2m application granted that permission of the resource (as the
 * bare provider's client gets every permission), a first-party web application that keeps its
 * refresh token on use (rotation off, so one token serves every request of a load run) and a user
 * with a password; then signs that user in once to get a refresh token.
 */
export async function prepareOidcTenant(api: ApiServer): Promise<OidcTenant> {
  const key = await createApiKey(api.databaseUrl, 'system');
  const send = async <T>(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    expected: number,
  ): Promise<T> => {
    const res = await fetch(`${api.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer: unknown = await res.json();
    if (res.status !== expected)
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer as T;
  };
  const post = <T>(path: string, body: unknown) => send<T>('POST', path, body, 201);

  await post('/tenants', { slug: TENANT, displayName: 'OIDC grants bench' });
  const base = `/tenants/${TENANT}`;
  const resource = await post<{ id: string }>(`${base}/api-resources`, {
    identifier: RESOURCE,
    name: 'Things',
  });
  await post(`${base}/api-resources/${resource.id}/permissions`, { name: PERMISSION });
  const m2mApp = await post<{ id: string; clientId?: unknown; clientSecret?: unknown }>(
    `${base}/applications`,
    { name: 'Bench m2m', type: 'm2m' },
  );
  const m2m = client(m2mApp);
  await send(
    'PUT',
    `${base}/applications/${m2mApp.id}/api-access/${resource.id}`,
    { permissions: [PERMISSION] },
    200,
  );
  const web = client(
    await post(`${base}/applications`, {
      name: 'Bench web',
      type: 'web',
      redirectUris: [REDIRECT_URI],
      rotateRefreshTokens: false,
    }),
  );
  const password = randomBytes(18).toString('base64url');
  const user = await post<{ id: string }>(`${base}/users`, { email: EMAIL, password, emailVerified: true });

  const issuer = `${api.url}/t/${TENANT}`;
  const discovery = await fetch(`${issuer}/.well-known/openid-configuration`);
  const metadata = (await discovery.json()) as { token_endpoint?: string };
  if (!discovery.ok || !metadata.token_endpoint) throw new Error(`discovery: ${discovery.status}`);

  const tokens = await signInWithPassword({
    issuer,
    client: web,
    redirectUri: REDIRECT_URI,
    // offline_access is granted only with prompt=consent; a first-party application consents itself.
    scope: 'openid offline_access',
    identifier: EMAIL,
    password,
    extra: { prompt: 'consent' },
  });
  if (typeof tokens.refresh_token !== 'string') {
    throw new Error(`the sign-in returned no refresh token: ${Object.keys(tokens).join(', ')}`);
  }
  return {
    issuer,
    tokenUrl: metadata.token_endpoint,
    resource: RESOURCE,
    permissions: [PERMISSION],
    m2m,
    web: { ...web, redirectUri: REDIRECT_URI },
    user: { id: user.id, email: EMAIL },
    refreshToken: tokens.refresh_token,
  };
}

function client(created: { clientId?: unknown; clientSecret?: unknown }) {
  const { clientId, clientSecret } = created;
  if (typeof clientId !== 'string' || typeof clientSecret !== 'string') {
    throw new Error(`the application has no client secret: ${JSON.stringify(created)}`);
  }
  return { clientId, clientSecret };
}
