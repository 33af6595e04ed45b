import * as oidc from 'openid-client';
import { type InteractionDetails, ScriptedBrowser } from './oidc-browser.js';

export const REDIRECT = 'https://app.example.com/cb';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** The problem type's last segment, e.g. `verification-code-invalid`. */
  type: string | undefined;
  retryAfter: string | null;
}

export async function answerOf(res: Response): Promise<Answer> {
  const body = (await res.json()) as Record<string, unknown>;
  return {
    status: res.status,
    body,
    type: typeof body.type === 'string' ? body.type.split('/').pop() : undefined,
    retryAfter: res.headers.get('retry-after'),
  };
}

/**
 * A pending sign-in of an app (client secret basic, PKCE) in a fresh scripted browser, and how to
 * answer it through the interaction API the way the hosted login does.
 */
export async function pendingSignIn<TDetails = InteractionDetails & Record<string, unknown>>(
  baseUrl: string,
  slug: string,
  app: { clientId: string; clientSecret: string },
  extra: Record<string, string> = {},
) {
  const config = await oidc.discovery(
    new URL(`${baseUrl}/t/${slug}`),
    app.clientId,
    undefined,
    oidc.ClientSecretBasic(app.clientSecret),
    { execute: [oidc.allowInsecureRequests] },
  );
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra,
  });
  const browser = new ScriptedBrowser();
  const outcome = await browser.authorize(url, REDIRECT, { onInteraction: () => undefined });
  if (outcome.kind !== 'interaction') throw new Error(JSON.stringify(outcome));
  const interactionUrl = outcome.interactionUrl;
  return {
    browser,
    uid: outcome.details.uid,
    interactionUrl,
    details: async () => (await (await browser.get(`${interactionUrl.href}/details`)).json()) as TDetails,
    post: async (action: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> =>
      answerOf(
        await browser.postJson(`${interactionUrl.href}/${action}`, body, {
          ...headers,
          'x-csrf-token': outcome.details.csrfToken,
        }),
      ),
    /** Follows `redirectTo` back to the app (consenting) and buys tokens with the code. */
    finish: async (redirectTo: string) => {
      const done = await browser.authorize(new URL(redirectTo, interactionUrl), REDIRECT, {
        onInteraction: () => ({ action: 'consent', body: {} }),
      });
      if (done.kind !== 'callback') throw new Error(JSON.stringify(done));
      return oidc.authorizationCodeGrant(config, done.url, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
    },
  };
}
