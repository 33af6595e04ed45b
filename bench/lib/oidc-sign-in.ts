import { createHash, randomBytes } from 'node:crypto';

/**
 * One authorization-code + PKCE sign-in with a password, without a browser: redirects are followed
 * by hand with a cookie jar, and the login interaction is driven through its JSON API as the hosted
 * login app does (GET …/details for the CSRF token, POST …/login). The same steps as the e2e
 * suites' scripted browser, kept here because bench/ does not import test code.
 */
export interface SignInRequest {
  /** The tenant's issuer, e.g. `http://127.0.0.1:4000/t/acme`. */
  issuer: string;
  client: { clientId: string; clientSecret: string };
  redirectUri: string;
  scope: string;
  identifier: string;
  password: string;
  /** Extra authorization request parameters, e.g. `{ prompt: 'consent' }`. */
  extra?: Record<string, string>;
}

const INTERACTION_PATH = /\/interaction\/[^/?]+$/;
const MAX_HOPS = 20;

/** Signs in and exchanges the code; returns the token endpoint's JSON answer. */
export async function signInWithPassword(request: SignInRequest): Promise<Record<string, unknown>> {
  const { authorize, verifier } = authorizationRequest(request);
  const callback = await followToCallback(authorize, request);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`sign-in ended without a code: ${callback.href}`);

  const res = await fetch(`${request.issuer}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: basicAuth(request.client.clientId, request.client.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: request.redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`code exchange: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** HTTP Basic client authentication: each part form-urlencoded first (RFC 6749 §2.3.1). */
export function basicAuth(clientId: string, clientSecret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}

/** A login interaction waiting for the password, as the hosted login page holds it once loaded. */
export interface PendingLogin {
  /** The interaction, `…/interaction/{uid}`; the password goes to `${url}/login`. */
  url: string;
  /** The Cookie header that binds the interaction to this client (oidc-provider's signed cookies). */
  cookie: string;
  csrfToken: string;
}

/**
 * The first half of a sign-in: the authorization request, its redirects followed to the login
 * interaction, and the interaction's details (for the CSRF token). The PKCE verifier is dropped:
 * this is for measuring the password step alone, whose code is never exchanged.
 */
export async function openLogin(
  request: Omit<SignInRequest, 'identifier' | 'password'>,
): Promise<PendingLogin> {
  const jar = new CookieJar();
  let next = authorizationRequest(request).authorize;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (INTERACTION_PATH.test(next.pathname)) {
      const res = await jar.fetch(`${next.href}/details`);
      const details = (await res.json()) as { prompt?: { name?: string }; csrfToken?: string };
      if (!res.ok || details.prompt?.name !== 'login' || !details.csrfToken) {
        throw new Error(`interaction details: ${res.status} ${JSON.stringify(details)}`);
      }
      return { url: next.href, cookie: jar.header(), csrfToken: details.csrfToken };
    }
    next = await followRedirect(jar, next);
  }
  throw new Error(`the authorization request did not reach a login interaction in ${MAX_HOPS} redirects`);
}

/** The authorization URL (code flow, PKCE S256, a fresh state) and its PKCE verifier. */
function authorizationRequest(request: Omit<SignInRequest, 'identifier' | 'password'>) {
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${request.issuer}/oauth2/authorize`);
  for (const [name, value] of Object.entries({
    client_id: request.client.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    scope: request.scope,
    state: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...request.extra,
  })) {
    authorize.searchParams.set(name, value);
  }
  return { authorize, verifier };
}

async function followToCallback(start: URL, request: SignInRequest): Promise<URL> {
  const jar = new CookieJar();
  let next = start;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (next.href.startsWith(request.redirectUri)) return next;
    next = INTERACTION_PATH.test(next.pathname)
      ? await answerInteraction(jar, next, request)
      : await followRedirect(jar, next);
  }
  throw new Error(`sign-in did not reach ${request.redirectUri} in ${MAX_HOPS} redirects`);
}

async function followRedirect(jar: CookieJar, url: URL): Promise<URL> {
  const res = await jar.fetch(url);
  const location = res.headers.get('location');
  if (res.status < 300 || res.status >= 400 || !location) {
    throw new Error(`sign-in stopped at ${url.pathname}: ${res.status} ${await res.text()}`);
  }
  return new URL(location, url);
}

/** Logs in at a login prompt; any other prompt (consent) is accepted as asked. */
async function answerInteraction(jar: CookieJar, url: URL, request: SignInRequest): Promise<URL> {
  const details = (await (await jar.fetch(`${url.href}/details`)).json()) as {
    prompt?: { name?: string };
    csrfToken?: string;
  };
  const login = details.prompt?.name === 'login';
  const res = await jar.fetch(`${url.href}/${login ? 'login' : 'consent'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': details.csrfToken ?? '' },
    body: JSON.stringify(login ? { identifier: request.identifier, password: request.password } : {}),
  });
  const body = (await res.json()) as { redirectTo?: string };
  if (!res.ok || !body.redirectTo) {
    throw new Error(`interaction ${details.prompt?.name}: ${res.status} ${JSON.stringify(body)}`);
  }
  return new URL(body.redirectTo, url);
}

/**
 * Cookies by name only (no path or domain matching): one origin, one sign-in, and the provider's
 * cookies do not share names across paths.
 */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.header());
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.store(line);
    return res;
  }

  private store(setCookie: string): void {
    const [pair = '', ...attributes] = setCookie.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => /^\s*(max-age=0|expires=Thu, 01 Jan 1970)/i.test(a));
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}
