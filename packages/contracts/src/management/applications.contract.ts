import { z } from 'zod';
import { page, ZPageQuery, ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

/**
 * Applications are the tenant's OAuth 2.0 / OpenID Connect clients. These schemas check each field
 * on its own (shape, length, exactness of URIs); the rules that depend on the application type
 * (which URIs, grants and authentication methods a spa, web, native or m2m application may use)
 * are checked by the server, which knows the stored type on a PATCH. See docs/applications.md.
 */

export const ZApplicationType = z.enum(['spa', 'web', 'native', 'm2m']);
export type TApplicationType = z.infer<typeof ZApplicationType>;

/** How the client authenticates at the token endpoint; `none` for public clients (spa, native). */
export const ZTokenEndpointAuthMethod = z.enum([
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
  'none',
]);
export type TTokenEndpointAuthMethod = z.infer<typeof ZTokenEndpointAuthMethod>;

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export const ZGrantType = z.enum([
  'authorization_code',
  'refresh_token',
  'client_credentials',
  TOKEN_EXCHANGE_GRANT,
  DEVICE_CODE_GRANT,
]);
export type TGrantType = z.infer<typeof ZGrantType>;

/** Whether sign-in to the application asks for an organization. */
export const ZOrganizationUsage = z.enum(['none', 'optional', 'required']);
export type TOrganizationUsage = z.infer<typeof ZOrganizationUsage>;

/** Spaces, tabs, line breaks and other control characters (C0 and DEL). */
const hasSpaceOrControl = (value: string): boolean =>
  /\s/.test(value) || [...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const parseUrl = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

/** https anywhere; plain http only on this machine (localhost, 127.0.0.1, [::1]). */
const isHttpsOrLoopbackHttp = (url: URL): boolean =>
  url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));

/**
 * A URI compared byte for byte at run time (RFC 6749 §3.1.2, OAuth 2.1 §2.3.1): absolute, no
 * fragment, no wildcard, no spaces. Which schemes and hosts are allowed depends on the type.
 */
export const ZExactUri = z
  .string()
  // `abort`: one message per field, the first rule it breaks.
  .min(1, { abort: true })
  .max(2048, { abort: true })
  .refine((v) => !hasSpaceOrControl(v), {
    message: 'must not contain spaces or control characters',
    abort: true,
  })
  .refine((v) => !v.includes('*'), {
    message: 'must be exact: wildcards (*) are not allowed, register every URI in full',
    abort: true,
  })
  .refine((v) => !v.includes('#'), { message: 'must not contain a fragment (#)', abort: true })
  .refine((v) => SCHEME.test(v) && parseUrl(v) !== undefined, {
    message: 'must be an absolute URI, such as https://app.example.com/callback',
    abort: true,
  })
  .refine((v) => (parseUrl(v)?.username ?? '') === '' && (parseUrl(v)?.password ?? '') === '', {
    message: 'must not contain user information (user:password@)',
  });

const ZUriList = z
  .array(ZExactUri)
  .max(100)
  .refine((uris) => new Set(uris).size === uris.length, { message: 'must not repeat a URI' });

/**
 * A web origin as browsers send it in the `Origin` header: scheme, host and port only (no path,
 * no trailing slash, default ports left out), https unless the host is this machine.
 */
export const ZOrigin = z
  .string()
  .trim()
  .toLowerCase()
  .max(512, { abort: true })
  .refine((v) => !v.includes('*'), { message: 'must be exact: wildcards (*) are not allowed', abort: true })
  .refine((v) => /^https?:\/\//.test(v) && parseUrl(v)?.origin === v, {
    message:
      'must be an origin: scheme, host and optional port only, such as https://app.example.com ' +
      '(no path, no trailing slash, no default port)',
    abort: true,
  })
  .refine((v) => isHttpsOrLoopbackHttp(parseUrl(v) as URL), {
    message: 'must use https (http only for localhost, 127.0.0.1 or [::1])',
  });

/** An endpoint Latchkey itself calls (OIDC back-channel logout): https, or http on this machine. */
export const ZServerEndpointUri = ZExactUri.refine(
  (v) => {
    const url = parseUrl(v);
    return url !== undefined && isHttpsOrLoopbackHttp(url);
  },
  { message: 'must be an https URL (http only for localhost, 127.0.0.1 or [::1])' },
);

/** Members that only a private (or symmetric) JWK carries. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** One public key for `private_key_jwt` client authentication (the server also checks it imports). */
export const ZClientPublicJwk = z
  .looseObject({
    kty: z.enum(['RSA', 'EC', 'OKP']),
    kid: z.string().min(1).max(256).optional(),
    use: z.literal('sig').optional(),
    alg: z
      .enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'])
      .optional(),
  })
  .superRefine((jwk, ctx) => {
    for (const member of PRIVATE_JWK_MEMBERS) {
      if (member in jwk) {
        ctx.addIssue({
          code: 'custom',
          path: [member],
          message: 'must not be sent: register public keys only (this is a private key member)',
        });
      }
    }
  });

export const ZClientJwks = z.object({ keys: z.array(ZClientPublicJwk).min(1).max(10) }).strict();
export type TClientJwks = z.infer<typeof ZClientJwks>;

/**
 * Claims a mapping may not set: the registered JWT and OIDC claims, the standard OIDC profile
 * claims (they come from the user's own fields) and the ones Latchkey issues itself.
 */
export const RESERVED_CLAIMS: readonly string[] = [
  // JWT (RFC 7519), OIDC Core, OAuth (RFC 8693, 9068, 7800)
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'nonce',
  'azp',
  'acr',
  'amr',
  'auth_time',
  'sid',
  'at_hash',
  'c_hash',
  's_hash',
  'scope',
  'client_id',
  'cnf',
  'act',
  'may_act',
  'events',
  'typ',
  // OIDC standard claims
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
  // Latchkey's own
  'org_id',
  'org_name',
  'org_roles',
  'organization',
  'permissions',
  'roles',
  'tenant',
  'tenant_id',
];
const RESERVED = new Set(RESERVED_CLAIMS);
const CLAIM_NAME = /^[A-Za-z][A-Za-z0-9_.:/-]{0,127}$/;

/** User fields a custom claim may take its value from, besides `publicMetadata.…` and `attributes.…`. */
export const MAPPABLE_USER_FIELDS: readonly string[] = [
  'email',
  'emailVerified',
  'username',
  'phone',
  'givenName',
  'familyName',
  'displayName',
  'picture',
  'locale',
  'zoneinfo',
];
const NESTED_FIELD = /^(publicMetadata|attributes)(\.[A-Za-z0-9_-]{1,64}){1,5}$/;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Where a custom claim's value comes from: a user field, or a key under publicMetadata / attributes. */
export const ZUserFieldPath = z
  .string()
  .max(400, { abort: true })
  .refine(
    (v) =>
      MAPPABLE_USER_FIELDS.includes(v) ||
      (NESTED_FIELD.test(v) && !v.split('.').some((segment) => FORBIDDEN_SEGMENTS.has(segment))),
    {
      message: `must be a user field (${MAPPABLE_USER_FIELDS.join(', ')}) or publicMetadata.<key> / attributes.<key> (up to 5 keys deep)`,
    },
  );

/** Custom claim name → user field path, added to this application's ID tokens and userinfo. */
export const ZClaimMappings = z.record(z.string(), ZUserFieldPath).superRefine((mappings, ctx) => {
  const names = Object.keys(mappings);
  if (names.length > 50)
    ctx.addIssue({ code: 'custom', path: [], message: 'must not hold more than 50 claims' });
  for (const name of names) {
    if (!CLAIM_NAME.test(name)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message:
          'is not a valid claim name: start with a letter; letters, digits, "_", ".", ":", "/" and "-", at most 128',
      });
    } else if (RESERVED.has(name) || name.toLowerCase().startsWith('latchkey')) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'is a registered or Latchkey claim and cannot be overridden: choose another name',
      });
    }
  }
});
export type TClaimMappings = z.infer<typeof ZClaimMappings>;

/** Access and ID token lifetimes in seconds (1 minute to 1 day); `null` = the tenant default. */
const ZTokenTtl = z.number().int().min(60).max(86_400).nullable();
/** Refresh token lifetime in seconds (1 minute to 365 days); `null` = the tenant default. */
const ZRefreshTokenTtl = z.number().int().min(60).max(31_536_000).nullable();

/** Shown on the consent screen: no control characters (and a list cursor holding one stays short). */
const ZName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((v) => ![...v].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f), {
    message: 'must not contain control characters',
  });
const ZDescription = z.string().trim().max(500).nullable();
const ZGrantTypes = z
  .array(ZGrantType)
  .min(1)
  .refine((grants) => new Set(grants).size === grants.length, { message: 'must not repeat a grant type' });

/**
 * How a client that registered itself (RFC 7591 dynamic client registration) described itself:
 * informational metadata, shown to users on the consent screen and to admins here.
 */
export const ZApplicationRegistration = z.object({
  /** The initial access token it registered with; `null` when the tenant required none. */
  initialAccessTokenId: z.uuid().nullable(),
  clientUri: z.string().nullable(),
  logoUri: z.string().nullable(),
  policyUri: z.string().nullable(),
  tosUri: z.string().nullable(),
  contacts: z.array(z.string()),
  /** The scopes it may ask for (space-separated); `null`: any scope of the tenant. */
  scope: z.string().nullable(),
});
export type TApplicationRegistration = z.infer<typeof ZApplicationRegistration>;

export const ZApplication = z.object({
  id: z.uuid(),
  /** The OAuth `client_id`: random, unique in the tenant, immutable. */
  clientId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: ZApplicationType,
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  /** Origins allowed to call the token, userinfo and revocation endpoints from a browser (CORS). */
  allowedOrigins: z.array(z.string()),
  grantTypes: z.array(ZGrantType),
  tokenEndpointAuthMethod: ZTokenEndpointAuthMethod,
  /** Public keys for `private_key_jwt`, else `null`. */
  jwks: ZClientJwks.nullable(),
  backchannelLogoutUri: z.string().nullable(),
  /**
   * Shown to users on the consent screen (https ones only): the application's home page, its logo,
   * its privacy policy and its terms of service. For a client that registered itself, what it sent.
   */
  clientUri: z.string().nullable(),
  logoUri: z.string().nullable(),
  policyUri: z.string().nullable(),
  tosUri: z.string().nullable(),
  /** First-party applications skip the consent screen. */
  firstParty: z.boolean(),
  accessTokenTtl: z.number().int().nullable(),
  idTokenTtl: z.number().int().nullable(),
  refreshTokenTtl: z.number().int().nullable(),
  /** Each use of a refresh token returns a new one and retires the old (reuse revokes the grant). */
  rotateRefreshTokens: z.boolean(),
  organizationUsage: ZOrganizationUsage,
  claimMappings: z.record(z.string(), z.string()),
  /** m2m only: may get access tokens for the management API (`pnpm latchkey m2m create` sets it). */
  managementAccess: z.boolean(),
  /** Set for a client that registered itself (dynamic client registration); `null` otherwise. */
  registration: ZApplicationRegistration.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TApplication = z.infer<typeof ZApplication>;

/** The create response: the client secret appears here once and never again (`null` if none). */
export const ZCreatedApplication = ZApplication.extend({ clientSecret: z.string().nullable() });
export type TCreatedApplication = z.infer<typeof ZCreatedApplication>;

/** Every field but `name` and `type` has a default that follows the type (see docs/applications.md). */
export const ZCreateApplicationRequest = z
  .object({
    name: ZName,
    description: ZDescription.optional(),
    type: ZApplicationType,
    redirectUris: ZUriList.optional(),
    postLogoutRedirectUris: ZUriList.optional(),
    /** Default for a spa: the origins of its redirect URIs. */
    allowedOrigins: z.array(ZOrigin).max(100).optional(),
    grantTypes: ZGrantTypes.optional(),
    tokenEndpointAuthMethod: ZTokenEndpointAuthMethod.optional(),
    jwks: ZClientJwks.nullable().optional(),
    backchannelLogoutUri: ZServerEndpointUri.nullable().optional(),
    clientUri: ZServerEndpointUri.nullable().optional(),
    logoUri: ZServerEndpointUri.nullable().optional(),
    policyUri: ZServerEndpointUri.nullable().optional(),
    tosUri: ZServerEndpointUri.nullable().optional(),
    firstParty: z.boolean().optional(),
    accessTokenTtl: ZTokenTtl.optional(),
    idTokenTtl: ZTokenTtl.optional(),
    refreshTokenTtl: ZRefreshTokenTtl.optional(),
    rotateRefreshTokens: z.boolean().optional(),
    organizationUsage: ZOrganizationUsage.optional(),
    claimMappings: ZClaimMappings.optional(),
    managementAccess: z.boolean().optional(),
  })
  .strict();
export type TCreateApplicationRequest = z.infer<typeof ZCreateApplicationRequest>;

/** PATCH: only the fields sent change; lists and `claimMappings` are replaced whole; `null` clears. */
export const ZUpdateApplicationRequest = z
  .object({
    name: ZName.optional(),
    description: ZDescription.optional(),
    /** Refused: the type decides what the client is; create another application instead. */
    type: z
      .never({ error: 'cannot change: the type is fixed at creation (create another application instead)' })
      .optional(),
    redirectUris: ZUriList.optional(),
    postLogoutRedirectUris: ZUriList.optional(),
    allowedOrigins: z.array(ZOrigin).max(100).optional(),
    grantTypes: ZGrantTypes.optional(),
    tokenEndpointAuthMethod: ZTokenEndpointAuthMethod.optional(),
    jwks: ZClientJwks.nullable().optional(),
    backchannelLogoutUri: ZServerEndpointUri.nullable().optional(),
    clientUri: ZServerEndpointUri.nullable().optional(),
    logoUri: ZServerEndpointUri.nullable().optional(),
    policyUri: ZServerEndpointUri.nullable().optional(),
    tosUri: ZServerEndpointUri.nullable().optional(),
    firstParty: z.boolean().optional(),
    accessTokenTtl: ZTokenTtl.optional(),
    idTokenTtl: ZTokenTtl.optional(),
    refreshTokenTtl: ZRefreshTokenTtl.optional(),
    rotateRefreshTokens: z.boolean().optional(),
    organizationUsage: ZOrganizationUsage.optional(),
    claimMappings: ZClaimMappings.optional(),
    managementAccess: z.boolean().optional(),
  })
  .strict();
export type TUpdateApplicationRequest = z.infer<typeof ZUpdateApplicationRequest>;

export const ZListApplicationsQuery = ZPageQuery.extend({
  /** Name or client id contains this (case-insensitive). */
  q: z.string().trim().min(1).max(100).optional(),
  type: ZApplicationType.optional(),
});
export type TListApplicationsQuery = z.infer<typeof ZListApplicationsQuery>;

export const ZApplicationList = page(ZApplication);
export type TApplicationList = z.infer<typeof ZApplicationList>;

/** A client secret as lists show it: never the secret itself. */
export const ZApplicationSecret = z.object({
  id: z.uuid(),
  /** The secret's last four characters, to tell secrets apart. */
  hint: z.string(),
  createdAt: ZTimestamp,
  /** When a newer secret replaced this one it stays valid until then; `null` = the current secret. */
  expiresAt: ZTimestamp.nullable(),
});
export type TApplicationSecret = z.infer<typeof ZApplicationSecret>;

/** The secrets valid now, newest first (a handful: no paging). */
export const ZApplicationSecretList = z.object({ data: z.array(ZApplicationSecret) });
export type TApplicationSecretList = z.infer<typeof ZApplicationSecretList>;

/** Longest overlap: 30 days. */
export const MAX_SECRET_OVERLAP_SECONDS = 2_592_000;

export const ZRotateApplicationSecretRequest = z
  .object({
    /** How long the previous secrets stay valid (seconds); 0 revokes them at once. */
    overlapSeconds: z.number().int().min(0).max(MAX_SECRET_OVERLAP_SECONDS).default(86_400),
  })
  .strict();
export type TRotateApplicationSecretRequest = z.infer<typeof ZRotateApplicationSecretRequest>;

/** The new secret, shown this once, and every secret valid after the rotation (the new one first). */
export const ZRotatedApplicationSecret = z.object({
  clientId: z.string(),
  clientSecret: z.string(),
  secrets: z.array(ZApplicationSecret),
});
export type TRotatedApplicationSecret = z.infer<typeof ZRotatedApplicationSecret>;

const APPS = '/api/v1/tenants/{tenant}/applications';
const APP = `${APPS}/{applicationId}` as const;
const common = { tag: 'Applications', scope: 'tenant' } as const;

export const applicationRoutes = {
  listApplications: defineRoute({
    ...common,
    id: 'listApplications',
    method: 'GET',
    path: APPS,
    summary: 'List applications (by name), optionally searching name and client id or filtering by type',
    query: ZListApplicationsQuery,
    success: { status: 200, body: ZApplicationList },
  }),
  createApplication: defineRoute({
    ...common,
    id: 'createApplication',
    method: 'POST',
    path: APPS,
    summary: 'Create an application (an OAuth client); a confidential one gets its secret, shown once',
    body: ZCreateApplicationRequest,
    success: { status: 201, body: ZCreatedApplication },
  }),
  getApplication: defineRoute({
    ...common,
    id: 'getApplication',
    method: 'GET',
    path: APP,
    summary: 'Get an application (never its secret)',
    success: { status: 200, body: ZApplication },
  }),
  updateApplication: defineRoute({
    ...common,
    id: 'updateApplication',
    method: 'PATCH',
    path: APP,
    summary: 'Update an application (its type and client id are fixed)',
    body: ZUpdateApplicationRequest,
    success: { status: 200, body: ZApplication },
    errors: [409],
  }),
  deleteApplication: defineRoute({
    ...common,
    id: 'deleteApplication',
    method: 'DELETE',
    path: APP,
    summary: 'Delete an application and its secrets',
    success: { status: 204 },
  }),
  listApplicationSecrets: defineRoute({
    ...common,
    id: 'listApplicationSecrets',
    method: 'GET',
    path: `${APP}/secrets`,
    summary: "List an application's valid client secrets (hints only)",
    success: { status: 200, body: ZApplicationSecretList },
  }),
  rotateApplicationSecret: defineRoute({
    ...common,
    id: 'rotateApplicationSecret',
    method: 'POST',
    path: `${APP}/secrets/rotate`,
    summary: 'Issue a new client secret (shown once); the previous ones stay valid for the overlap',
    body: ZRotateApplicationSecretRequest,
    success: { status: 200, body: ZRotatedApplicationSecret },
    errors: [409],
  }),
} as const;
