import type Provider from 'oidc-provider';
import type { Client, Session } from 'oidc-provider';
import type { Logger } from 'pino';

/**
 * oidc-provider's Client#backchannelLogout: the method its end_session action calls, absent from
 * the type definitions. It builds the logout token with the provider's own keys and claims
 * (typ logout+jwt, iss, aud, iat, exp, jti, sub, sid, events) and POSTs it through the provider's
 * `fetch`, so its SSRF rule and LATCHKEY_ALLOW_PRIVATE_NETWORK apply as they do for a user's logout.
 * It needs no request context: the token's issuer is the provider's.
 */
interface BackchannelClient extends Client {
  backchannelLogout(sub: string, sid: string | undefined): Promise<void>;
}

/**
 * Ends one SSO session as oidc-provider's "sign out of all applications" does, started by an
 * administrator instead of the browser:
 * 1. the session record goes, so no application gets a new sign-in from it;
 * 2. each application's grant is revoked with every token issued under it (access and refresh
 *    tokens, codes). Unlike a user's logout this also revokes grants marked `persistsLogout`
 *    (offline access): an administrator signing someone out means everywhere;
 * 3. every application with a back-channel logout URI is told, concurrently, best effort: a failed
 *    delivery is logged and never undoes or fails the revocation.
 */
export async function endSession(provider: Provider, session: Session, logger: Logger): Promise<void> {
  const authorizations = Object.entries(session.authorizations ?? {});
  await session.destroy();
  await Promise.all(
    authorizations.map(([, { grantId }]) => (grantId ? revokeGrant(provider, grantId) : undefined)),
  );
  const { accountId } = session;
  if (!accountId) return;
  await Promise.all(
    authorizations.map(([clientId, { sid }]) => notify(provider, clientId, accountId, sid, logger)),
  );
}

/** What oidc-provider's own revocation clears for a grant (helpers/revoke.js), then the grant. */
async function revokeGrant(provider: Provider, grantId: string): Promise<void> {
  await Promise.all([
    provider.AccessToken.revokeByGrantId(grantId),
    provider.RefreshToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    provider.DeviceCode.revokeByGrantId(grantId),
    provider.BackchannelAuthenticationRequest.revokeByGrantId(grantId),
    provider.Grant.adapter.destroy(grantId),
  ]);
}

async function notify(
  provider: Provider,
  clientId: string,
  accountId: string,
  sid: string | undefined,
  logger: Logger,
): Promise<void> {
  // A deleted application (or one whose metadata no longer loads) has nobody left to tell.
  const client = (await provider.Client.find(clientId).catch(() => undefined)) as
    | BackchannelClient
    | undefined;
  if (!client?.backchannelLogoutUri) return;
  try {
    await client.backchannelLogout(accountId, sid);
  } catch (err) {
    // The same line as for a user's own logout (see the registry's `backchannel.error` listener).
    logger.warn(
      {
        err: err instanceof Error ? err.message : String(err),
        cause: (err as { cause?: { message?: string } }).cause?.message,
        issuer: provider.issuer,
        clientId,
      },
      'back-channel logout delivery failed',
    );
  }
}
