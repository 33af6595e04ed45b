import { createLocalJWKSet, type JWK, jwtVerify } from 'jose';
import type Provider from 'oidc-provider';
import { type Client, errors, type KoaContextWithOIDC, type ResourceServer } from 'oidc-provider';
import { latchkeyClient } from './client-properties.js';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']);

/** The `act` claim (RFC 8693 §4.1) of tokens minted by an exchange, by token object. */
export const delegations = new WeakMap<object, Record<string, unknown>>();

export interface TokenExchangeDeps {
  issuer: string;
  jwks: { keys: readonly object[] };
  /** Whether the user may still receive tokens (active). */
  isActiveUser(accountId: string): Promise<boolean>;
  /** What the target API allows this user (the same rules as every other grant). */
  resourceServer(
    ctx: KoaContextWithOIDC,
    indicator: string,
    client: Client,
    accountId: string,
    grantId?: string,
  ): Promise<ResourceServer>;
}

interface Subject {
  accountId: string;
  /** The application the subject token was issued to, and the API it was issued for (if any). */
  clientId: string | undefined;
  audience: string | undefined;
  grantId?: string;
  /** An earlier delegation chain, nested under the new actor. */
  act?: Record<string, unknown>;
}

/**
 * OAuth 2.0 Token Exchange (RFC 8693) for delegation: a back end holding a user's access token
 * (the subject token) gets a token for another API, acting for that user. The new token's `sub` is
 * the user, `act.sub` the exchanging client; its scope is what the user may do on the target
 * resource right now. Only access tokens this tenant issued are accepted as subjects, only those
 * meant for the exchanging client (mayActFor), and only confidential clients registered for the
 * grant may exchange.
 */
export function registerTokenExchange(provider: Provider, deps: TokenExchangeDeps): void {
  const publicKeys = createLocalJWKSet({
    keys: deps.jwks.keys.map(
      (key) => Object.fromEntries(Object.entries(key).filter(([m]) => !PRIVATE_MEMBERS.has(m))) as JWK,
    ),
  });

  const subjectOf = async (token: string): Promise<Subject | undefined> => {
    if (token.split('.').length === 3) {
      const verified = await jwtVerify(token, publicKeys, { issuer: deps.issuer, typ: 'at+jwt' }).catch(
        () => undefined,
      );
      const claims = verified?.payload;
      // A client's own token (sub = client_id) has no user to act for; a sender-constrained
      // (DPoP / mTLS) token is only usable with its key, which the exchanging client does not prove.
      if (!claims?.sub || claims.sub === claims.client_id || claims.cnf) return undefined;
      const act = claims.act as Record<string, unknown> | undefined;
      return {
        accountId: claims.sub,
        clientId: typeof claims.client_id === 'string' ? claims.client_id : undefined,
        audience: typeof claims.aud === 'string' ? claims.aud : undefined,
        ...(act ? { act } : {}),
      };
    }
    const stored = await provider.AccessToken.find(token);
    if (!stored?.accountId || stored.isExpired || stored.isSenderConstrained()) return undefined;
    const act = delegationOf(stored);
    return {
      accountId: stored.accountId,
      clientId: stored.clientId,
      audience: typeof stored.aud === 'string' ? stored.aud : undefined,
      ...(stored.grantId ? { grantId: stored.grantId } : {}),
      ...(act ? { act } : {}),
    };
  };

  provider.registerGrantType(
    TOKEN_EXCHANGE_GRANT,
    async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client as Client;
      const params = ctx.oidc.params as Record<string, string | string[] | undefined>;
      if (params.subject_token_type !== ACCESS_TOKEN_TYPE) {
        throw new errors.InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
      }
      if (params.requested_token_type !== undefined && params.requested_token_type !== ACCESS_TOKEN_TYPE) {
        throw new errors.InvalidRequest(`requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
      }
      if (params.actor_token !== undefined) {
        throw new errors.InvalidRequest(
          'actor_token is not supported: the authenticated client is the actor',
        );
      }
      const resource = params.resource;
      if (typeof resource !== 'string') {
        throw new errors.InvalidTarget('exactly one resource (the API the new token is for) is required');
      }
      const subject = await subjectOf(String(params.subject_token ?? ''));
      if (!subject || !(await deps.isActiveUser(subject.accountId))) {
        throw new errors.InvalidGrant(
          'subject_token is invalid, expired, or not a user access token of this tenant',
        );
      }
      if (!mayActFor(client, subject)) {
        // RFC 6749 §5.2: invalid_grant covers a grant "issued to another client". Said in the
        // description (oidc-provider's default is generic): it is a configuration matter to fix.
        const detail =
          'subject_token was issued neither to this client nor for an API resource this client is granted (api-access)';
        throw Object.assign(new errors.InvalidGrant(detail), { error_description: detail });
      }

      // The subject's grant carries its organization: permissions and org claims then agree.
      const info = await deps.resourceServer(ctx, resource, client, subject.accountId, subject.grantId);
      const server = new provider.ResourceServer(resource, info);
      const requested = typeof params.scope === 'string' ? params.scope.split(' ') : [...server.scopes];
      const scope = requested.filter((s) => server.scopes.has(s)).join(' ');

      // A JWT subject carries no grant id; the exchanged token then stands alone (it is a JWT too).
      const token = new provider.AccessToken({
        accountId: subject.accountId,
        client,
        gty: TOKEN_EXCHANGE_GRANT,
        grantId: subject.grantId ?? '',
        ...(scope ? { scope } : {}),
      });
      token.resourceServer = server;
      delegations.set(token, { sub: client.clientId, ...(subject.act ? { act: subject.act } : {}) });
      const value = await token.save();
      ctx.body = {
        access_token: value,
        issued_token_type: ACCESS_TOKEN_TYPE,
        token_type: token.tokenType,
        expires_in: token.expiration,
        ...(token.scope ? { scope: token.scope } : {}),
      };
    },
    [
      'subject_token',
      'subject_token_type',
      'actor_token',
      'actor_token_type',
      'requested_token_type',
      'scope',
      'audience',
      'resource',
    ],
    ['resource'],
  );
}

/**
 * Whose tokens a client may exchange (the audience rule): a token issued to the client itself, or
 * one issued for an API resource the client was granted as that API's back end (`api-access`).
 * As Keycloak requires the exchanging client in the subject token's audience, and Azure's
 * on-behalf-of flow the middle tier's own API: a token meant for another API, or for another
 * application's own use (no API), is refused, so a back end cannot replay whatever token reaches it.
 */
function mayActFor(client: Client, subject: Subject): boolean {
  if (subject.clientId === client.clientId) return true;
  const { apiAccess } = latchkeyClient(client);
  return subject.audience !== undefined && Object.hasOwn(apiAccess, subject.audience);
}

/** The `act` of a stored (opaque) token minted by an exchange. */
function delegationOf(token: object): Record<string, unknown> | undefined {
  const extra = (token as { extra?: { act?: Record<string, unknown> } }).extra;
  return extra?.act;
}
