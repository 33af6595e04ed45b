/**
 * A scripted browser for OIDC flows without Chromium: follows redirects by hand, keeps cookies,
 * and drives the login interaction API the way the hosted login app does (details → login →
 * consent). Tests of the pages themselves use real Chromium (F4); this tests the protocol.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header received, attributes included. */
  readonly received: string[] = [];

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      this.received.push(header);
      const [pair, ...attributes] = header.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

export interface InteractionDetails {
  uid: string;
  prompt: {
    name: string;
    reasons: string[];
    missingScopes?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  client: { clientId: string; name?: string; firstParty: boolean };
  params: Record<string, unknown>;
  session?: { accountId: string };
  organizations?: { required: boolean; choices: { id: string; name: string; slug: string }[] };
  csrfToken: string;
}

export interface SignInSteps {
  /** Called for each interaction; returns what to post, or undefined to stop and return it. */
  onInteraction(
    details: InteractionDetails,
  ): { action: 'login'; body: unknown } | { action: 'consent' | 'abort'; body?: unknown } | undefined;
}

export type SignInOutcome =
  | { kind: 'callback'; url: URL }
  | { kind: 'interaction'; details: InteractionDetails; interactionUrl: URL }
  | { kind: 'error'; status: number; body: string };

export class ScriptedBrowser {
  readonly jar = new CookieJar();

  async get(url: URL | string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: this.jar.header(), ...headers },
    });
    this.jar.store(response);
    return response;
  }

  async postJson(url: URL | string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.jar.header(), 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    this.jar.store(response);
    return response;
  }

  /**
   * Follows the authorization request until the browser would leave for `redirectUri` (returns that
   * URL) or an interaction the steps do not answer.
   */
  async authorize(
    authorizationUrl: URL,
    redirectUri: string,
    steps: SignInSteps,
    /** Where each next request goes, e.g. to send steps to another API replica. */
    route: (url: URL) => URL = (url) => url,
  ): Promise<SignInOutcome> {
    let next: URL = route(authorizationUrl);
    for (let hop = 0; hop < 20; hop++) {
      if (next.href.startsWith(redirectUri)) return { kind: 'callback', url: next };
      const interaction = /\/interaction\/([^/?]+)$/.exec(next.pathname);
      if (interaction) {
        const details = (await (await this.get(`${next.href}/details`)).json()) as InteractionDetails;
        const step = steps.onInteraction(details);
        if (!step) return { kind: 'interaction', details, interactionUrl: next };
        const response = await this.postJson(`${next.href}/${step.action}`, step.body ?? {}, {
          'x-csrf-token': details.csrfToken,
        });
        if (!response.ok) return { kind: 'error', status: response.status, body: await response.text() };
        next = route(new URL(((await response.json()) as { redirectTo: string }).redirectTo, next));
        continue;
      }
      const response = await this.get(next);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { kind: 'error', status: response.status, body: await response.text() };
      }
      next = new URL(location, next);
      if (!next.href.startsWith(redirectUri)) next = route(next);
    }
    throw new Error('too many redirects');
  }
}

/** Signs in with a password and consents to everything asked. */
export const passwordSteps = (identifier: string, password: string): SignInSteps => ({
  onInteraction: (details) =>
    details.prompt.name === 'login'
      ? { action: 'login', body: { identifier, password } }
      : { action: 'consent', body: {} },
});

/** The hidden inputs and action of the first form of an HTML page oidc-provider rendered. */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in: ${html.slice(0, 200)}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1];
    if (name) fields[name] = value ?? '';
  }
  return { action: action.replace(/&amp;/g, '&'), fields };
}
