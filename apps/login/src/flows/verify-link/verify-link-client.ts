import type { TEmailVerificationCheck } from '@latchkey/contracts';
import { call } from '../../interaction/interaction-client';
import { InteractionError, isRecord } from '../../interaction/interaction-failure';
import { accountRequest, takeLinkToken } from '../link-token';

const TOKEN_KEY = 'latchkey.verify-email-token';

/**
 * `{base}/account/email-verification/…` on this page's origin (docs/sign-up.md#verification-by-link).
 * No CSRF header: the token from the mail is the secret, and the API checks the Origin.
 */
export function createVerifyLinkClient(base: string) {
  const post = (action: string, token: string) =>
    call(`${base}/account/email-verification/${action}`, accountRequest({ token }));
  return {
    async check(token: string): Promise<TEmailVerificationCheck> {
      const body = await post('check', token);
      if (!isRecord(body) || typeof body.email !== 'string' || typeof body.expiresAt !== 'string') {
        throw new InteractionError({ kind: 'unexpected' });
      }
      return { email: body.email, expiresAt: body.expiresAt };
    },
    async complete(token: string): Promise<void> {
      const body = await post('complete', token);
      if (!isRecord(body) || body.status !== 'email-verified')
        throw new InteractionError({ kind: 'unexpected' });
    },
  };
}
export type VerifyLinkClient = ReturnType<typeof createVerifyLinkClient>;

/** The verification link's token (see takeLinkToken). */
export const takeVerifyLinkToken = (): string | null => takeLinkToken(TOKEN_KEY);

export const forgetVerifyLinkToken = () => sessionStorage.removeItem(TOKEN_KEY);
