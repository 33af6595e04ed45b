import type {
  TPasswordResetCheck,
  TPasswordResetComplete,
  TPasswordResetCompleteRequest,
} from '@latchkey/contracts';
import { call } from '../../interaction/interaction-client';
import { InteractionError, isRecord } from '../../interaction/interaction-failure';
import { accountRequest, takeLinkToken } from '../link-token';

const TOKEN_KEY = 'latchkey.reset-token';

/**
 * `{base}/account/password-reset/…` on this page's origin (docs/password-reset.md). No CSRF header:
 * the token from the mail is the secret, and the API checks the Origin.
 */
export function createResetClient(base: string) {
  const post = (action: string, body: unknown) =>
    call(`${base}/account/password-reset/${action}`, accountRequest(body));
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

/** The reset link's token (see takeLinkToken). */
export const takeResetToken = (): string | null => takeLinkToken(TOKEN_KEY);

export const forgetResetToken = () => sessionStorage.removeItem(TOKEN_KEY);
