import type {
  INTERACTION_CSRF_HEADER,
  TInteractionCompleteSignUpRequest,
  TInteractionConsentRequest,
  TInteractionContinueRequest,
  TInteractionDetails,
  TInteractionEmailRequest,
  TInteractionLoginRequest,
  TInteractionNextStep,
  TInteractionOrganizationRequest,
  TInteractionRedirect,
  TInteractionResendCodeRequest,
  TInteractionSignUpRequest,
  TInteractionUseAnotherAccountRequest,
  TInteractionVerifyEmailRequest,
} from '@latchkey/contracts';
import { checkDetails, checkNextStep, checkRedirect } from './check-response';
import { failureFromResponse, InteractionError } from './interaction-failure';

// The contract's header name, spelled out (importing the value would bundle zod); the type keeps
// the two equal.
const CSRF_HEADER: typeof INTERACTION_CSRF_HEADER = 'x-csrf-token';

/** Long enough for a slow password hash on a busy server; short enough not to spin forever. */
const TIMEOUT_MS = 20_000;

/** The body each step posts (docs/oidc.md, "The interaction API"). */
export interface TStepBodies {
  login: TInteractionLoginRequest;
  consent: TInteractionConsentRequest;
  organization: TInteractionOrganizationRequest;
  'verify-email': TInteractionVerifyEmailRequest;
  'email-code/verify': TInteractionVerifyEmailRequest;
  'sign-up/complete': TInteractionCompleteSignUpRequest;
  continue: TInteractionContinueRequest;
  abort: Record<string, never>;
}
export type TStep = keyof TStepBodies;

/** Steps that keep the user on the page (the answer names the next step instead of a redirect). */
export interface TInPageBodies {
  'sign-up': TInteractionSignUpRequest;
  'resend-code': TInteractionResendCodeRequest;
  'password-reset': TInteractionEmailRequest;
  'email-code': TInteractionEmailRequest;
  'email-code/resend': TInteractionResendCodeRequest;
  'use-another-account': TInteractionUseAnotherAccountRequest;
}

export interface InteractionClient {
  details(): Promise<TInteractionDetails>;
  /** Posts a step; resolves with where the browser must go next, rejects with an InteractionError. */
  submit<S extends TStep>(step: S, body: TStepBodies[S], csrfToken: string): Promise<TInteractionRedirect>;
  /** Posts a step that does not leave the page; resolves with the step the sign-in waits for next. */
  advance<S extends keyof TInPageBodies>(
    step: S,
    body: TInPageBodies[S],
    csrfToken: string,
  ): Promise<TInteractionNextStep>;
}

/**
 * Calls `{base}/interaction/{uid}/…` on this page's own origin. The pending interaction is found by
 * the provider's cookie, which the browser sends by itself (same origin, so `fetch`'s default).
 */
export function createInteractionClient(base: string, uid: string): InteractionClient {
  const url = (action: string) => `${base}/interaction/${encodeURIComponent(uid)}/${action}`;
  return {
    async details() {
      const body = await call(url('details'), { method: 'GET' });
      const details = checkDetails(body);
      if (!details || details.uid !== uid) throw new InteractionError({ kind: 'unexpected' });
      return details;
    },
    async submit(step, body, csrfToken) {
      const answer = await post(url(step), body, csrfToken);
      const redirect = checkRedirect(answer, window.location.href);
      if (!redirect) throw new InteractionError({ kind: 'unexpected' });
      return redirect;
    },
    async advance(step, body, csrfToken) {
      const next = checkNextStep(await post(url(step), body, csrfToken));
      if (!next) throw new InteractionError({ kind: 'unexpected' });
      return next;
    },
  };
}

function post(url: string, body: unknown, csrfToken: string): Promise<unknown> {
  return call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: csrfToken },
    body: JSON.stringify(body),
  });
}

export async function call(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, {
    ...init,
    headers: { accept: 'application/json', ...init.headers },
    cache: 'no-store',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new InteractionError(failureFromResponse(response.status, body));
  return body;
}
