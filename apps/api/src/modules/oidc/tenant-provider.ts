import { timingSafeEqual } from 'node:crypto';
import type { TTenantSettings } from '@latchkey/contracts';
import Provider, {
  type AdapterFactory,
  type Client,
  type Configuration,
  errors,
  interactionPolicy,
  type JWK,
  type KoaContextWithOIDC,
  type ResourceServer,
} from 'oidc-provider';
import { CookieSigner } from '../../platform/crypto/cookie-signer.js';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter.js';
import type { UserAccountsService } from '../identity/user-accounts.service.js';
import type { UserOrganizationsService } from '../organizations/user-organizations.service.js';
import type { ApiResourcesService } from '../rbac/api-resources.service.js';
import type { EffectivePermissionsService } from '../rbac/effective-permissions.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { customClaims, SCOPE_CLAIMS, standardClaims } from './account-claims.js';
import { LATCHKEY_CLIENT_PROPERTIES, latchkeyClient } from './client-properties.js';
import { registrationFeature, registrationManagementFeature } from './dynamic-registration.js';
import { InProcessSigningKey } from './in-process-signing-key.js';
import { MANAGEMENT_SCOPE } from './management-audience.js';
import {
  grantIdOf,
  ORGANIZATION_CLAIMS,
  type OrganizationSelections,
  organizationClaims,
} from './organization-claims.js';
import * as pages from './pages.js';
import { registrationRateLimit } from './registration-rate-limit.js';
import { promptValuesSupported, selectAccountPrompt } from './select-account-prompt.js';
import type { RequestPrefetch } from './storage/request-prefetch.js';
import { delegations, registerTokenExchange } from './token-exchange.js';

export interface TenantProviderInput {
  tenant: TenantRecord;
  issuer: string;
  /** PUBLIC_URL/api/v1: the audience of management API tokens. */
  managementAudience: string;
  settings: TTenantSettings;
  /** Private JWKs: the active key first (oidc-provider signs with the first key of an alg). */
  jwks: { keys: JWK[] };
  /** Signs cookies; identical on every replica. */
  cookieKeys: string[];
  adapter: AdapterFactory;
  /** What the adapter read ahead for the request being served (a refresh's account). */
  prefetched: RequestPrefetch;
  /** Every currently valid secret of a client (two during a rotation's overlap window). */
  secretsOf: (clientId: string) => string[] | undefined;
  accounts: UserAccountsService;
  resources: ApiResourcesService;
  permissions: EffectivePermissionsService;
  /** The organization each grant was signed in for (applications with organizationUsage). */
  selections: OrganizationSelections;
  organizations: UserOrganizationsService;
  /** Every custom claim name the tenant's applications map: the provider may release only known claims. */
  customClaimNames: string[];
  /** LATCHKEY_ALLOW_PRIVATE_NETWORK: outbound calls may reach loopback/private addresses. */
  allowPrivateNetwork: boolean;
  /** The deployment's shared counters (dynamic client registration limits). */
  rateLimiter: RateLimiter;
}

/**
 * OAuth 2.1 / OpenID Connect routes. Every path has two segments, so no tenant slug can be mistaken
 * for the route when oidc-provider works out where it is mounted (it searches the route in the URL).
 */
export const OIDC_ROUTES = {
  authorization: '/oauth2/authorize',
  token: '/oauth2/token',
  userinfo: '/oauth2/userinfo',
  jwks: '/.well-known/jwks.json',
  end_session: '/oauth2/logout',
  introspection: '/oauth2/introspect',
  revocation: '/oauth2/revoke',
  pushed_authorization_request: '/oauth2/par',
  device_authorization: '/oauth2/device/code',
  code_verification: '/oauth2/device',
  registration: '/oauth2/register',
  backchannel_authentication: '/oauth2/bc-authorize',
  challenge: '/oauth2/challenge',
} as const;

const OIDC_SCOPES = ['openid', 'offline_access', ...Object.keys(SCOPE_CLAIMS).filter((s) => s !== 'openid')];
const DAY = 24 * 60 * 60;
const RESOURCE_TTL_MS = 60_000;

type ResourceRecord = Awaited<ReturnType<ApiResourcesService['findByIdentifier']>>;

/** One tenant's OpenID Provider on one issuer. Built by the registry, cached, rebuilt on change. */
export function buildTenantProvider(input: TenantProviderInput): Provider {
  const { tenant, issuer, settings } = input;
  const secure = issuer.startsWith('https:');
  const issuerPath = new URL(issuer).pathname.replace(/\/$/, '');
  const resourceServers = resourceServerLookup(input);
  const policy = interactionPolicyWithOrganizations(input);

  const configuration: Configuration = {
    adapter: input.adapter,
    // Signed in this thread by node:crypto (InProcessSigningKey); a key it cannot sign with stays a JWK.
    jwks: {
      keys: input.jwks.keys.map((jwk) => InProcessSigningKey.from(jwk) ?? jwk),
    } as Configuration['jwks'],
    cookies: {
      keys: new CookieSigner(input.cookieKeys),
      // Scoped to the tenant's base path: on the path prefix, tenants share a host, and one
      // tenant's session cookie must neither reach nor replace another's.
      long: { signed: true, httpOnly: true, sameSite: 'lax', secure, path: issuerPath || '/' },
      short: { signed: true, httpOnly: true, sameSite: 'lax', secure },
    },
    claims: {
      ...Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
      // Released with `openid`: only apps that use organizations or map claims ever produce them.
      openid: ['sub', ...ORGANIZATION_CLAIMS, ...input.customClaimNames],
    },
    // `organization=<id>` on the authorization request picks the organization up front.
    extraParams: ['organization'],
    scopes: OIDC_SCOPES,
    responseTypes: ['code'],
    pkce: { required: () => true },
    // ID tokens carry the claims of the granted scopes (as Auth0 and Keycloak do), not only userinfo.
    conformIdTokenClaims: false,
    routes: OIDC_ROUTES,
    async findAccount(ctx, sub, token) {
      // A refresh read its active account along with the token (the same statement, not a cache).
      const user = input.prefetched.takeAccount(sub) ?? (await input.accounts.findActive(tenant.id, sub));
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: async () => {
          const client = latchkeyClient(ctx.oidc.client);
          return {
            ...standardClaims(user),
            ...customClaims(user, client.claimMappings),
            ...(client.organizationUsage === 'none' ? {} : await organizationOf(ctx, input, user.id, token)),
          } as { sub: string };
        },
      };
    },
    interactions: {
      url: (_ctx, interaction) => `${issuerPath}/interaction/${interaction.uid}`,
      policy,
    },
    discovery: { prompt_values_supported: promptValuesSupported(policy) },
    extraClientMetadata: { properties: [...LATCHKEY_CLIENT_PROPERTIES] },
    clientBasedCORS: (_ctx, origin, client) => latchkeyClient(client).allowedOrigins.includes(origin),
    features: {
      devInteractions: { enabled: false },
      // Our own keys as ExternalSigningKey (InProcessSigningKey); the ack names the version of this
      // experimental feature that oidc-provider 9.13.3 implements (an upgrade must check it).
      externalSigningSupport: { enabled: true, ack: 'experimental-01' },
      clientCredentials: { enabled: true },
      // A client learns about, and revokes, only the tokens issued to itself: another app of the
      // same tenant must not be able to probe them (oidc-provider's default lets any
      // confidential client introspect every token).
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => mayIntrospect(client, token),
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      claimsParameter: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: pages.logoutSource,
        postLogoutSuccessSource: pages.postLogoutSuccessSource,
      },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: pages.userCodeInputSource,
        userCodeConfirmSource: pages.userCodeConfirmSource,
        successSource: pages.deviceSuccessSource,
      },
      pushedAuthorizationRequests: { enabled: true },
      dPoP: { enabled: true },
      requestObjects: { enabled: true },
      // Dynamic client registration (RFC 7591 / 7592): off unless the tenant enables it.
      registration: registrationFeature(settings.dynamicRegistration),
      registrationManagement: registrationManagementFeature(settings.dynamicRegistration),
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: resourceServers,
      },
    },
    ttl: {
      AccessToken: (_ctx, token, client) =>
        latchkeyClient(client).accessTokenTtl ?? token.resourceServer?.accessTokenTTL ?? 3600,
      ClientCredentials: (_ctx, token, client) =>
        latchkeyClient(client).accessTokenTtl ?? token.resourceServer?.accessTokenTTL ?? 3600,
      IdToken: (_ctx, _token, client) => latchkeyClient(client).idTokenTtl ?? 3600,
      RefreshToken: (_ctx, _token, client) => latchkeyClient(client).refreshTokenTtl ?? 30 * DAY,
      AuthorizationCode: 60,
      DeviceCode: 600,
      Interaction: 3600,
      Grant: 365 * DAY,
      Session: (_ctx, session) => sessionTtl(settings.sessions, session.loginTs),
    },
    rotateRefreshToken: (ctx) => latchkeyClient(ctx.oidc.client).rotateRefreshTokens,
    // OIDC drops offline_access unless prompt=consent; first-party apps are trusted not to need
    // that screen, so they get refresh tokens whenever their grant types allow (as with Auth0).
    issueRefreshToken: async (_ctx, client, source) =>
      client.grantTypeAllowed('refresh_token') &&
      (source.scopes.has('offline_access') || latchkeyClient(client).firstParty),
    loadExistingGrant: (ctx) => loadOrAutoGrant(ctx),
    extraTokenClaims: async (ctx, token) => ({
      ...accessTokenClaims(token),
      ...(latchkeyClient(ctx.oidc.client).organizationUsage !== 'none' &&
      'accountId' in token &&
      token.accountId
        ? await organizationOf(ctx, input, token.accountId, token)
        : {}),
    }),
    renderError: pages.renderError,
    // oidc-provider refuses outbound calls to special-use addresses (SSRF protection) through the
    // dispatcher it passes; development against apps on localhost may lift that explicitly.
    ...(input.allowPrivateNetwork
      ? {
          fetch: (url: string | URL | Request, options?: RequestInit) =>
            globalThis.fetch(url, { ...options, dispatcher: undefined } as RequestInit),
        }
      : {}),
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256', 'RS256', 'EdDSA'],
      userinfoSigningAlgValues: ['ES256', 'RS256', 'EdDSA'],
      introspectionSigningAlgValues: ['ES256', 'RS256', 'EdDSA'],
      authorizationSigningAlgValues: ['ES256', 'RS256', 'EdDSA'],
      requestObjectSigningAlgValues: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      clientAuthSigningAlgValues: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      dPoPSigningAlgValues: ['ES256', 'RS256', 'PS256', 'EdDSA'],
    },
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: signingAlg(input.jwks) as 'ES256',
    },
  };

  const provider = new Provider(issuer, configuration);
  // Scheme and host come from the dispatcher, which sets x-forwarded-* from trusted values only.
  provider.proxy = true;
  // Only where registration is on: the provider is rebuilt when the setting changes, and every
  // other tenant's requests skip a middleware that would only pass them on.
  if (settings.dynamicRegistration.enabled) {
    provider.use(
      registrationRateLimit({
        tenantId: tenant.id,
        settings: settings.dynamicRegistration,
        limiter: input.rateLimiter,
        route: OIDC_ROUTES.registration,
      }),
    );
  }
  acceptEveryValidSecret(provider, input.secretsOf);
  registerTokenExchange(provider, {
    issuer,
    jwks: input.jwks,
    isActiveUser: async (accountId) => Boolean(await input.accounts.findActive(tenant.id, accountId)),
    resourceServer: (ctx, indicator, client, accountId, grantId) =>
      resourceServers(ctx, indicator, client, accountId, grantId),
  });
  return provider;
}

/**
 * Who learns about a token at the introspection endpoint: the application it was issued to, and for
 * an access token issued for an API resource (opaque ones are the point), the API itself: an m2m
 * application granted access to that resource (`api-access`, with or without permissions) is how
 * an API authenticates to Latchkey. Nobody else, not even another application of the tenant.
 */
function mayIntrospect(client: Client, token: { clientId?: string; kind: string; aud?: unknown }): boolean {
  if (token.clientId === client.clientId) return true;
  if (token.kind !== 'AccessToken' && token.kind !== 'ClientCredentials') return false;
  const { apiAccess } = latchkeyClient(client);
  return typeof token.aud === 'string' && Object.hasOwn(apiAccess, token.aud);
}

/** The alg of the active key: what ID tokens are signed with unless a client asks otherwise. */
function signingAlg(jwks: { keys: JWK[] }): string {
  return jwks.keys[0]?.alg ?? 'ES256';
}

/**
 * During a secret rotation's overlap window a client has two valid secrets; oidc-provider knows
 * one. Compare against each (all of them, in constant time) instead.
 */
function acceptEveryValidSecret(provider: Provider, secretsOf: (clientId: string) => string[] | undefined) {
  // The registry hands out one secrets array per loaded client: their bytes are encoded once.
  const known = new WeakMap<string[], Buffer[]>();
  const bytesOf = (secrets: string[]) => {
    let bytes = known.get(secrets);
    if (!bytes) {
      bytes = secrets.map((secret) => Buffer.from(secret));
      known.set(secrets, bytes);
    }
    return bytes;
  };
  provider.Client.prototype.compareClientSecret = function compare(
    this: { clientId: string; clientSecret?: string },
    actual: string,
  ) {
    const candidates = secretsOf(this.clientId) ?? (this.clientSecret ? [this.clientSecret] : []);
    const presented = Buffer.from(actual);
    let match = false;
    for (const candidate of bytesOf(candidates)) {
      // Every secret Latchkey issues has the same length (newClientSecretValue), so the length tells
      // nothing; a presented value of another length is compared with itself, to no avail.
      const sameLength = candidate.length === presented.length;
      const equal = timingSafeEqual(sameLength ? candidate : presented, presented);
      match = (sameLength && equal) || match;
    }
    return match;
  };
}

/** First-party applications get the scopes they ask for without a consent screen. */
async function loadOrAutoGrant(ctx: KoaContextWithOIDC) {
  const { client, session, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId =
    (ctx.oidc.result?.consent as { grantId?: string } | undefined)?.grantId ??
    session.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  if (!latchkeyClient(client).firstParty) return existing;

  const grant = existing ?? new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
  const claims = ctx.oidc.requestParamClaims;
  if (claims.size) grant.addOIDCClaims([...claims]);
  for (const [indicator, server] of Object.entries(ctx.oidc.resourceServers ?? {})) {
    const wanted = [...ctx.oidc.requestParamScopes].filter((scope) => server.scopes.has(scope));
    if (wanted.length) grant.addResourceScope(indicator, wanted.join(' '));
  }
  await grant.save();
  return grant;
}

/** RFC 9068 access tokens also carry the granted permissions as a list, as resource servers expect. */
function accessTokenClaims(token: { resourceServer?: { scopes: Set<string> }; scope?: string }) {
  const act = delegations.get(token);
  if (!token.resourceServer) return act ? { act } : undefined;
  // A resource server allowing nothing has the scopes {''}: an empty scope must not match it.
  const permissions = (token.scope ?? '')
    .split(' ')
    .filter((scope) => scope !== '' && token.resourceServer?.scopes.has(scope));
  return { permissions, ...(act ? { act } : {}) };
}

/**
 * Resource indicators (RFC 8707) are the tenant's API resources. What a token may carry: for a
 * user, the permissions their roles give them right now (so a removed role disappears at the next
 * refresh); for a client acting as itself, those of the resource's permissions its application was
 * granted (see ownPermissions).
 */
function resourceServerLookup(input: TenantProviderInput) {
  // Resources change rarely and every change drops this provider (ChangeBus), so each provider
  // keeps what it looked up; the expiry only bounds staleness if a change message is lost.
  const known = new Map<string, { value: Promise<ResourceRecord | undefined>; until: number }>();
  const lookup = (identifier: string) => {
    const hit = known.get(identifier);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = input.resources.findByIdentifier(input.tenant.id, identifier);
    if (known.size >= 1_000) known.clear();
    known.set(identifier, { value, until: Date.now() + RESOURCE_TTL_MS });
    value.catch(() => known.delete(identifier));
    return value;
  };
  return async (
    ctx: KoaContextWithOIDC,
    indicator: string,
    client: Client,
    accountId: string | undefined = accountIdOf(ctx),
    /** The grant the token belongs to, when the request itself does not show it (token exchange). */
    grantId?: string,
  ): Promise<ResourceServer> => {
    if (indicator === input.managementAudience) return managementResource(ctx, input, client);
    const resource = await lookup(indicator);
    if (!resource) throw new errors.InvalidTarget(`unknown resource: ${indicator}`);
    // Within an organization the user's roles there count too (F2's effective permissions).
    const organization =
      accountId && latchkeyClient(client).organizationUsage !== 'none'
        ? await organizationOf(ctx, input, accountId, grantId ? { grantId } : undefined)
        : {};
    const allowed = accountId
      ? await input.permissions.forToken(
          input.tenant.id,
          accountId,
          resource.identifier,
          (organization.org_id as string | undefined) ?? null,
        )
      : ownPermissions(ctx, client, resource);
    return {
      scope: allowed.join(' '),
      audience: resource.identifier,
      accessTokenTTL: 3600,
      // Opaque tokens are stored like every other access token (the short-lived store) and read
      // back at introspection, with the permissions and act claims kept in their `extra`.
      ...(resource.accessTokenFormat === 'opaque'
        ? { accessTokenFormat: 'opaque' as const }
        : { accessTokenFormat: 'jwt' as const, jwt: { sign: { alg: signingAlg(input.jwks) as 'ES256' } } }),
    };
  };
}

/**
 * Without a user: a client acting as itself (client_credentials, i.e. an m2m application) gets the
 * resource's permissions its application was granted (`latchkey:api_access`) and is refused a
 * resource it was never granted. Any other client reaches this only before a user signs in
 * (authorization, PAR, device requests), where the resource's permissions merely bound the request:
 * its tokens get the user's.
 */
function ownPermissions(
  ctx: KoaContextWithOIDC,
  client: Client,
  resource: NonNullable<ResourceRecord>,
): string[] {
  const app = latchkeyClient(client);
  if (ctx.oidc.params?.grant_type !== 'client_credentials' && app.type !== 'm2m') {
    return resource.permissions;
  }
  const granted = Object.hasOwn(app.apiAccess, resource.identifier)
    ? new Set(app.apiAccess[resource.identifier])
    : undefined;
  if (!granted) throw new errors.InvalidTarget('this application is not authorized for this API');
  return resource.permissions.filter((permission) => granted.has(permission));
}

/** Management API tokens go to m2m applications with management access, acting as themselves. */
function managementResource(
  ctx: KoaContextWithOIDC,
  input: TenantProviderInput,
  client: Client,
): ResourceServer {
  if (!latchkeyClient(client).managementAccess || accountIdOf(ctx)) {
    throw new errors.InvalidTarget('this client may not call the management API');
  }
  return {
    scope: MANAGEMENT_SCOPE,
    audience: input.managementAudience,
    accessTokenFormat: 'jwt',
    accessTokenTTL: 3600,
    jwt: { sign: { alg: signingAlg(input.jwks) as 'ES256' } },
  };
}

function accountIdOf(ctx: KoaContextWithOIDC): string | undefined {
  const { oidc } = ctx;
  return (
    oidc.account?.accountId ??
    oidc.entities.RefreshToken?.accountId ??
    oidc.entities.AuthorizationCode?.accountId ??
    oidc.entities.DeviceCode?.accountId ??
    oidc.session?.accountId ??
    undefined
  );
}

/** The organization claims of the grant behind this request or token; none without a choice. */
async function organizationOf(
  ctx: KoaContextWithOIDC,
  input: TenantProviderInput,
  accountId: string,
  token?: { grantId?: string },
): Promise<Record<string, unknown>> {
  const grantId = grantIdOf(ctx, token);
  if (!grantId) return {};
  return organizationClaims(await input.selections.forToken(ctx, accountId, grantId));
}

/**
 * oidc-provider's standard prompts (login, consent) plus `select_account` between them ("Continue
 * as …", select-account-prompt.ts) and `organization`: after consent, an app that
 * asks for an organization gets the user's choice (or the one named by `organization=`), kept for
 * the grant. Optional usage skips the prompt for users without any organization.
 */
function interactionPolicyWithOrganizations(input: TenantProviderInput) {
  const { Prompt, Check, base } = interactionPolicy;
  const policy = base();
  policy.add(selectAccountPrompt(input.tenant.id, input.accounts), 1);
  policy.add(
    new Prompt(
      { name: 'organization', requestable: false },
      new Check('organization_required', 'the application signs users in to an organization', async (ctx) => {
        const usage = latchkeyClient(ctx.oidc.client).organizationUsage;
        const accountId = ctx.oidc.session?.accountId;
        const grantId = ctx.oidc.grant?.jti;
        if (usage === 'none' || !accountId || !grantId) return Check.NO_NEED_TO_PROMPT;
        const requested = ctx.oidc.params?.organization;
        if (typeof requested === 'string' && requested) {
          const member = await input.organizations.membership(input.tenant.id, accountId, requested);
          if (!member) return Check.REQUEST_PROMPT;
          await input.selections.choose(grantId, member.id);
          return Check.NO_NEED_TO_PROMPT;
        }
        const chosen = await input.selections.chosen(grantId);
        if (chosen?.organizationId) {
          const still = await input.organizations.membership(
            input.tenant.id,
            accountId,
            chosen.organizationId,
          );
          if (still) return Check.NO_NEED_TO_PROMPT;
        } else if (chosen && usage === 'optional') {
          return Check.NO_NEED_TO_PROMPT;
        }
        if (
          usage === 'optional' &&
          (await input.organizations.list(input.tenant.id, accountId)).length === 0
        ) {
          await input.selections.choose(grantId, null);
          return Check.NO_NEED_TO_PROMPT;
        }
        return Check.REQUEST_PROMPT;
      }),
    ),
  );
  return policy;
}

/**
 * The SSO session's lifetime from now: the idle timeout, but never past the absolute timeout
 * counted from sign-in. oidc-provider saves the session (with this TTL) on every request that uses
 * it, so activity extends it up to the absolute limit.
 */
export function sessionTtl(
  sessions: { idleTimeoutMinutes: number; absoluteTimeoutMinutes: number },
  loginTs: number | undefined,
  now = Math.floor(Date.now() / 1000),
): number {
  const idle = sessions.idleTimeoutMinutes * 60;
  if (!loginTs) return idle;
  const remaining = loginTs + sessions.absoluteTimeoutMinutes * 60 - now;
  // oidc-provider needs a positive integer; an expired session gets a minimal one and is then gone.
  return Math.max(1, Math.min(idle, remaining));
}
