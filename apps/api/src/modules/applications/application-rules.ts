import { createPublicKey, type JsonWebKey } from 'node:crypto';
import {
  DEVICE_CODE_GRANT,
  type TApplicationType,
  type TClaimMappings,
  type TClientJwks,
  type TCreateApplicationRequest,
  type TGrantType,
  TOKEN_EXCHANGE_GRANT,
  type TOrganizationUsage,
  type TProblemFieldError,
  type TTokenEndpointAuthMethod,
  type TUpdateApplicationRequest,
} from '@latchkey/contracts';

/**
 * What each application type may be, and the one check of a whole application against it. The
 * contract has already checked every field on its own; these are the rules that depend on the type
 * (and on other fields), applied to the application as it would be stored, on create and on PATCH.
 */

/** Everything about an application that an admin sets (the type and client id excepted). */
export interface ApplicationSettings {
  name: string;
  description: string | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  allowedOrigins: string[];
  grantTypes: TGrantType[];
  tokenEndpointAuthMethod: TTokenEndpointAuthMethod;
  jwks: TClientJwks | null;
  backchannelLogoutUri: string | null;
  clientUri: string | null;
  logoUri: string | null;
  policyUri: string | null;
  tosUri: string | null;
  firstParty: boolean;
  accessTokenTtl: number | null;
  idTokenTtl: number | null;
  refreshTokenTtl: number | null;
  rotateRefreshTokens: boolean;
  organizationUsage: TOrganizationUsage;
  claimMappings: TClaimMappings;
  managementAccess: boolean;
}

interface TypeRule {
  /** Public clients run on the user's device and cannot keep a secret. */
  public: boolean;
  grants: readonly TGrantType[];
  defaultGrants: readonly TGrantType[];
  authMethods: readonly TTokenEndpointAuthMethod[];
}

const CONFIDENTIAL_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;

export const TYPE_RULES: Record<TApplicationType, TypeRule> = {
  spa: {
    public: true,
    grants: ['authorization_code', 'refresh_token'],
    defaultGrants: ['authorization_code', 'refresh_token'],
    authMethods: ['none'],
  },
  web: {
    public: false,
    grants: ['authorization_code', 'refresh_token', TOKEN_EXCHANGE_GRANT, DEVICE_CODE_GRANT],
    defaultGrants: ['authorization_code', 'refresh_token'],
    authMethods: CONFIDENTIAL_METHODS,
  },
  native: {
    public: true,
    grants: ['authorization_code', 'refresh_token', DEVICE_CODE_GRANT],
    defaultGrants: ['authorization_code', 'refresh_token'],
    authMethods: ['none'],
  },
  m2m: {
    public: false,
    grants: ['client_credentials'],
    defaultGrants: ['client_credentials'],
    authMethods: CONFIDENTIAL_METHODS,
  },
};

/** Whether the application authenticates with a client secret (and so has secrets to show and rotate). */
export const usesClientSecret = (method: string): boolean =>
  method === 'client_secret_basic' || method === 'client_secret_post';

/** A new application's settings: what the request says, the type's defaults for the rest. */
export function settingsForCreate(request: TCreateApplicationRequest): ApplicationSettings {
  const rule = TYPE_RULES[request.type];
  const redirectUris = request.redirectUris ?? [];
  return {
    name: request.name,
    description: request.description ?? null,
    redirectUris,
    postLogoutRedirectUris: request.postLogoutRedirectUris ?? [],
    // A browser app calls the token endpoint from the pages it is redirected to.
    allowedOrigins: request.allowedOrigins ?? (request.type === 'spa' ? originsOf(redirectUris) : []),
    grantTypes: request.grantTypes ?? [...rule.defaultGrants],
    tokenEndpointAuthMethod:
      request.tokenEndpointAuthMethod ?? (rule.public ? 'none' : 'client_secret_basic'),
    jwks: request.jwks ?? null,
    backchannelLogoutUri: request.backchannelLogoutUri ?? null,
    clientUri: request.clientUri ?? null,
    logoUri: request.logoUri ?? null,
    policyUri: request.policyUri ?? null,
    tosUri: request.tosUri ?? null,
    firstParty: request.firstParty ?? true,
    accessTokenTtl: request.accessTokenTtl ?? null,
    idTokenTtl: request.idTokenTtl ?? null,
    refreshTokenTtl: request.refreshTokenTtl ?? null,
    rotateRefreshTokens: request.rotateRefreshTokens ?? true,
    organizationUsage: request.organizationUsage ?? 'none',
    claimMappings: request.claimMappings ?? {},
    managementAccess: request.managementAccess ?? false,
  };
}

/** PATCH: the fields sent replace the stored ones (`null` clears). */
export function settingsForUpdate(
  current: ApplicationSettings,
  request: TUpdateApplicationRequest,
): ApplicationSettings {
  const { type: _fixed, ...changes } = request;
  const next = { ...current };
  for (const [field, value] of Object.entries(changes)) {
    if (value !== undefined) (next as Record<string, unknown>)[field] = value;
  }
  // Leaving private_key_jwt drops its keys, unless the request sends keys (which is then an error).
  if (next.tokenEndpointAuthMethod !== 'private_key_jwt' && request.jwks === undefined) next.jwks = null;
  return next;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** RFC 8252 §7.3: native apps listen on a loopback IP literal ("localhost" may not resolve to it). */
const LOOPBACK_IPS = new Set(['127.0.0.1', '[::1]']);

const parse = (uri: string): URL => new URL(uri); // the contract has checked that it parses

function originsOf(uris: string[]): string[] {
  const origins = uris.map(parse).filter((url) => url.protocol === 'https:' || url.protocol === 'http:');
  return [...new Set(origins.map((url) => url.origin))];
}

/** Why a browser-based app's redirect URI is refused, or `undefined` when it is fine. */
function webUriProblem(uri: string): string | undefined {
  const url = parse(uri);
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return 'must use https (http only for localhost, 127.0.0.1 or [::1])';
}

/** RFC 8252: a private-use scheme in reverse domain notation, the loopback interface, or a claimed https URL. */
function nativeUriProblem(uri: string): string | undefined {
  const url = parse(uri);
  if (url.protocol === 'http:') {
    if (LOOPBACK_IPS.has(url.hostname)) return undefined;
    if (url.hostname === 'localhost') {
      return 'must name the loopback interface by IP: use http://127.0.0.1/… or http://[::1]/… rather than localhost (RFC 8252 §8.3)';
    }
    return 'may use http only on the loopback interface, http://127.0.0.1/… or http://[::1]/… (RFC 8252 §7.3)';
  }
  if (url.protocol === 'https:') {
    return LOOPBACK_HOSTS.has(url.hostname)
      ? 'for the loopback interface use http://127.0.0.1/… (https URLs must be claimed on your own domain)'
      : undefined;
  }
  const scheme = url.protocol.slice(0, -1);
  if (!/^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+$/.test(scheme)) {
    return 'must use a private-use scheme in reverse domain notation, such as com.example.app:/callback (RFC 8252 §7.1)';
  }
  if (url.host === '' && (url.pathname === '' || url.pathname === '/')) {
    return 'must have a path after the scheme, such as com.example.app:/callback';
  }
  return undefined;
}

const uriProblem = (type: TApplicationType, uri: string) =>
  type === 'native' ? nativeUriProblem(uri) : webUriProblem(uri);

const error = (path: string, message: string, code = 'invalid_value'): TProblemFieldError => ({
  path,
  message,
  code,
});

/** Every rule of its type that `settings` breaks, as field errors (empty when it is valid). */
export function ruleViolations(type: TApplicationType, settings: ApplicationSettings): TProblemFieldError[] {
  const rule = TYPE_RULES[type];
  const errors: TProblemFieldError[] = [];
  const { grantTypes, tokenEndpointAuthMethod: method } = settings;

  grantTypes.forEach((grant, i) => {
    if (!rule.grants.includes(grant)) {
      errors.push(
        error(
          `grantTypes[${i}]`,
          `is not available to ${article(type)} application (allowed: ${rule.grants.join(', ')})`,
        ),
      );
    }
  });
  // A grant the type may not use is reported above; the checks below assume it is not there.
  const hasCode = rule.grants.includes('authorization_code') && grantTypes.includes('authorization_code');
  if ((type === 'spa' || type === 'web') && !hasCode) {
    errors.push(error('grantTypes', 'must include authorization_code'));
  }
  if (type === 'native' && !hasCode && !grantTypes.includes(DEVICE_CODE_GRANT)) {
    errors.push(error('grantTypes', `must include authorization_code or ${DEVICE_CODE_GRANT}`));
  }

  if (!rule.authMethods.includes(method)) {
    errors.push(
      error(
        'tokenEndpointAuthMethod',
        rule.public
          ? `must be none: ${article(type)} application is a public client and cannot keep a secret`
          : `must be ${rule.authMethods.join(', ')}: ${article(type)} application is a confidential client`,
      ),
    );
  }
  if (method === 'private_key_jwt' && settings.jwks === null) {
    errors.push(
      error('jwks', 'is required with private_key_jwt: the public keys the client signs its assertions with'),
    );
  }
  if (method !== 'private_key_jwt' && settings.jwks !== null) {
    errors.push(error('jwks', 'is used only with tokenEndpointAuthMethod private_key_jwt'));
  }
  settings.jwks?.keys.forEach((jwk, i) => {
    if (!importsAsPublicKey(jwk)) errors.push(error(`jwks.keys[${i}]`, 'is not a valid public key'));
  });

  if (hasCode && settings.redirectUris.length === 0) {
    errors.push(
      error('redirectUris', 'must hold at least one URI: the authorization_code grant redirects to one'),
    );
  }
  // (spa and web always need the grant: that error above says all.)
  if (!hasCode && settings.redirectUris.length > 0 && (type === 'm2m' || type === 'native')) {
    errors.push(
      error(
        'redirectUris',
        type === 'm2m'
          ? 'must be empty: an m2m application never redirects a user'
          : 'must be empty without the authorization_code grant',
      ),
    );
  }
  for (const field of ['redirectUris', 'postLogoutRedirectUris'] as const) {
    if (type === 'm2m') continue;
    settings[field].forEach((uri, i) => {
      const problem = uriProblem(type, uri);
      if (problem) errors.push(error(`${field}[${i}]`, problem));
    });
  }

  if (type === 'm2m') errors.push(...m2mViolations(settings));
  else if (settings.managementAccess) {
    errors.push(error('managementAccess', 'must be false: only m2m applications call the management API'));
  }
  if (rule.public && !settings.rotateRefreshTokens) {
    errors.push(
      error(
        'rotateRefreshTokens',
        'must be true for a public client: its refresh tokens must rotate (RFC 9700 §4.14.2)',
      ),
    );
  }
  return errors;
}

/** An m2m application acts for itself: nothing about users, browsers or sessions applies. */
function m2mViolations(settings: ApplicationSettings): TProblemFieldError[] {
  const errors: TProblemFieldError[] = [];
  const never = 'an m2m application signs in no user';
  if (settings.postLogoutRedirectUris.length > 0)
    errors.push(error('postLogoutRedirectUris', `must be empty: ${never}`));
  if (settings.allowedOrigins.length > 0) {
    errors.push(
      error('allowedOrigins', 'must be empty: an m2m application keeps a secret, so never runs in a browser'),
    );
  }
  if (settings.backchannelLogoutUri !== null)
    errors.push(error('backchannelLogoutUri', `must be null: ${never}`));
  if (settings.idTokenTtl !== null)
    errors.push(error('idTokenTtl', 'must be null: an m2m application gets no ID tokens'));
  if (settings.refreshTokenTtl !== null) {
    errors.push(error('refreshTokenTtl', 'must be null: client_credentials issues no refresh tokens'));
  }
  if (settings.organizationUsage !== 'none')
    errors.push(error('organizationUsage', `must be none: ${never}`));
  if (Object.keys(settings.claimMappings).length > 0)
    errors.push(error('claimMappings', `must be empty: ${never}`));
  return errors;
}

function importsAsPublicKey(jwk: Record<string, unknown>): boolean {
  try {
    return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }).type === 'public';
  } catch {
    return false;
  }
}

const article = (type: TApplicationType): string => (type === 'm2m' ? 'an m2m' : `a ${type}`);
