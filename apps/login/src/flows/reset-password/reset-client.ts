import type {
  TPasswordResetCheck,
  TPasswordResetComplete,
  TPasswordResetCompleteRequest,
} from '@latchkey/contracts';
import { call } from '../../interaction/interaction-client';
import { InteractionError, isRecord } from '../../interaction/interaction-failure';

/**
 * `{base}/account/password-reset/…` on this page's origin (docs/password-reset.md). No CSRF header:
 * the token from the mail is the secret, and the API checks the Origin.
 */
export function createResetClient(base: string) {
  const post = (action: string, body: unknown) =>
    call(`${base}/account/password-reset/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    async check(token: string): Promise<TPasswordResetCheck> {
      const body = await post('check', { token });
      if (!isRecord(body) || typeof body.email !== 'string' || typeof body.passwordMinLength !== 'number') {
        throw new InteractionError({ kind: 'unexpected' });
      }
      return body as TPasswordResetCheck;
    },
    async complete(request: TPasswordResetCompleteRequest): Promise<TPasswordResetComplete> {
      const body = await post('complete', request);
      if (!isRecord(body) || body.status !== 'password-changed') {
        throw new InteractionError({ kind: 'unexpected' });
      }
      return { status: 'password-changed' };
    },
  };
}
export type ResetClient = ReturnType<typeof createResetClient>;

/**
 * The token of the link this page was opened with; taken out of the address bar at once, so it
 * stays out of the history, bookmarks and the Referer of anything the page loads.
 */
export function takeResetToken(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', `${url.pathname}${url.search}`);
    sessionStorage.setItem('latchkey.reset-token', token);
  }
  // A reload of the cleaned address still finds the link's token (this tab only).
  const kept = token ?? sessionStorage.getItem('latchkey.reset-token');
  return kept !== null && /^[A-Za-z0-9_-]{43}$/.test(kept) ? kept : null;
}

export const forgetResetToken = () => sessionStorage.removeItem('latchkey.reset-token');
