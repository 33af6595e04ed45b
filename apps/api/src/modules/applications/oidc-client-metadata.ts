import { registrationOf, settingsOf } from './application-dto.js';
import type { ApplicationSettings } from './application-rules.js';
import { usesClientSecret } from './application-rules.js';
import type { ApiAccessMap, ApplicationRow } from './applications.repository.js';

/** What the OIDC provider needs to know of one client of a tenant. */
export interface OidcClientRecord {
  /**
   * oidc-provider ClientMetadata, plus Latchkey's own properties under `latchkey:` keys (register
   * them in `extraClientMetadata.properties`; oidc-provider drops unregistered ones):
   * - `latchkey:application_id` (string): the application's id in the management API;
   * - `latchkey:type` ('spa' | 'web' | 'native' | 'm2m');
   * - `latchkey:first_party` (boolean): skip the consent screen;
   * - `latchkey:organization_usage` ('none' | 'optional' | 'required');
   * - `latchkey:access_token_ttl`, `latchkey:id_token_ttl`, `latchkey:refresh_token_ttl`
   *   (seconds, or null for the tenant default);
   * - `latchkey:rotate_refresh_tokens` (boolean);
   * - `latchkey:allowed_origins` (string[]): CORS origins for the token, userinfo and revocation endpoints;
   * - `latchkey:claim_mappings` ({ claim: user field path }): custom claims (see docs/applications.md);
   * - `latchkey:management_access` (boolean): m2m only, may get management API tokens;
   * - `latchkey:api_access` ({ resource identifier: permission names }): m2m only, the API resources
   *   it may get client_credentials tokens for and the permissions granted of each.
   */
  metadata: Record<string, unknown>;
  /** Every currently valid secret (newest first), unsealed, for authentication during the overlap window. */
  secrets: string[];
  /**
   * When the oldest of `secrets` expires (absent when none will): a cached copy of this record
   * must be dropped by then, since an expiry publishes no change.
   */
  validUntil?: Date;
}

/**
 * The oidc-provider view of an application. `secrets` are the valid ones, already opened, newest
 * first; they are used only by applications that authenticate with a client secret. `apiAccess` is
 * what an m2m application was granted (none until an admin grants it).
 */
export function toOidcClientRecord(
  row: ApplicationRow,
  secrets: ReadonlyArray<{ secret: string; expiresAt: Date | null }>,
  apiAccess: ApiAccessMap = {},
): OidcClientRecord {
  const settings = settingsOf(row);
  const method = settings.tokenEndpointAuthMethod;
  const valid = usesClientSecret(method) ? secrets : [];
  const current = valid[0]?.secret;
  const expiries = valid.flatMap((s) => (s.expiresAt ? [s.expiresAt.getTime()] : []));
  const metadata: Record<string, unknown> = {
    client_id: row.clientId,
    client_name: row.name,
    // oidc-provider knows web and native; a spa is a web client without a secret.
    application_type: row.type === 'native' ? 'native' : 'web',
    grant_types: [...settings.grantTypes],
    response_types: settings.grantTypes.includes('authorization_code') ? ['code'] : [],
    redirect_uris: [...settings.redirectUris],
    post_logout_redirect_uris: [...settings.postLogoutRedirectUris],
    token_endpoint_auth_method: method,
    ...(current === undefined ? {} : { client_secret: current }),
    ...(method === 'private_key_jwt' && settings.jwks ? { jwks: settings.jwks } : {}),
    ...(settings.backchannelLogoutUri
      ? { backchannel_logout_uri: settings.backchannelLogoutUri, backchannel_logout_session_required: true }
      : {}),
    ...displayUris(settings),
    ...registeredClientMetadata(row, valid[0]),
    'latchkey:application_id': row.id,
    'latchkey:type': row.type,
    'latchkey:first_party': settings.firstParty,
    'latchkey:organization_usage': settings.organizationUsage,
    'latchkey:access_token_ttl': settings.accessTokenTtl,
    'latchkey:id_token_ttl': settings.idTokenTtl,
    'latchkey:refresh_token_ttl': settings.refreshTokenTtl,
    'latchkey:rotate_refresh_tokens': settings.rotateRefreshTokens,
    'latchkey:allowed_origins': [...settings.allowedOrigins],
    'latchkey:claim_mappings': { ...settings.claimMappings },
    'latchkey:management_access': settings.managementAccess,
    'latchkey:api_access': apiAccess,
  };
  return {
    metadata,
    secrets: valid.map((s) => s.secret),
    ...(expiries.length > 0 ? { validUntil: new Date(Math.min(...expiries)) } : {}),
  };
}

/** What the consent screen shows about the application (OIDC Dynamic Registration §2 names). */
function displayUris(settings: ApplicationSettings): Record<string, string> {
  const uris = {
    client_uri: settings.clientUri,
    logo_uri: settings.logoUri,
    policy_uri: settings.policyUri,
    tos_uri: settings.tosUri,
  };
  return Object.fromEntries(
    Object.entries(uris).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

/**
 * RFC 7591 metadata of a client that registered itself: what it described besides its settings,
 * and when its client id and secret were issued (RFC 7592 reads answer with them).
 */
function registeredClientMetadata(
  row: ApplicationRow,
  current: { expiresAt: Date | null } | undefined,
): Record<string, unknown> {
  const registration = registrationOf(row);
  if (!registration) return {};
  const epoch = (date: Date) => Math.floor(date.getTime() / 1000);
  // Its URIs are the application's own (displayUris): an admin may change them, as its name.
  const described = {
    contacts: registration.contacts.length > 0 ? [...registration.contacts] : null,
    scope: registration.scope,
  };
  return {
    ...Object.fromEntries(Object.entries(described).filter(([, value]) => value !== null)),
    client_id_issued_at: epoch(row.createdAt),
    ...(current ? { client_secret_expires_at: current.expiresAt ? epoch(current.expiresAt) : 0 } : {}),
  };
}
