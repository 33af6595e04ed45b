import type { IncomingMessage } from 'node:http';
import type { TProblemFieldError, TTenantSettings } from '@latchkey/contracts';
import Provider, {
  type Adapter,
  type AdapterFactory,
  type AdapterPayload,
  type Configuration,
  errors,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { AppError } from '../../platform/errors/app-error.js';
import { newClientId, newClientSecretValue } from '../applications/application-credentials.js';
import { ApplicationErrorCode } from '../applications/applications.errors.js';
import type {
  ApplicationsService,
  OidcClientRecord,
  UsableInitialAccessToken,
} from '../applications/applications.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import type { ClientSource } from './storage/tenant-adapter.js';

/**
 * OAuth dynamic client registration (RFC 7591) and its management (RFC 7592), for agents and MCP
 * clients, when the tenant's `dynamicRegistration` settings enable it (docs/dynamic-registration.md).
 * oidc-provider runs the protocol; this file plugs Latchkey in where it asks:
 * - `InitialAccessToken` is served from the tenant's `initial_access_tokens` table (the tokens the
 *   management API issues; oidc-provider looks a presented one up through the adapter);
 * - `Client` writes (register, update, delete) become the tenant's applications, through the
 *   ApplicationsService: the same rules as the management API, third-party, no management access;
 * - registration access tokens are ordinary long-lived artifacts (PostgreSQL), rotated on update.
 */

type TDynamicRegistrationSettings = TTenantSettings['dynamicRegistration'];
type Features = NonNullable<Configuration['features']>;

/** `features.registration` for the tenant's settings. */
export function registrationFeature(settings: TDynamicRegistrationSettings): Features['registration'] {
  if (!settings.enabled) return { enabled: false };
  return {
    enabled: true,
    // `true`: oidc-provider finds each presented token through the adapter (withInitialAccessTokens).
    initialAccessToken: settings.requireInitialAccessToken,
    idFactory: () => newClientId(),
    secretFactory: () => newClientSecretValue(),
    issueRegistrationAccessToken: true,
  };
}

/** `features.registrationManagement`: read, update (rotating the access token), delete. */
export function registrationManagementFeature(
  settings: TDynamicRegistrationSettings,
): Features['registrationManagement'] {
  return { enabled: settings.enabled, rotateRegistrationAccessToken: true };
}

/** The adapter factory, with oidc-provider's `InitialAccessToken` model read from the tenant's tokens. */
export function withInitialAccessTokens(
  factory: AdapterFactory,
  lookup: (token: string) => Promise<UsableInitialAccessToken | undefined>,
): AdapterFactory {
  const managed = async () => {
    throw new Error('initial access tokens are managed through the management API');
  };
  const tokens: Adapter = {
    // Unknown, revoked, expired and used-up tokens all read as absent: oidc-provider answers invalid_token.
    async find(token) {
      const found = await lookup(token);
      if (!found) return undefined;
      const exp = found.expiresAt ? { exp: Math.floor(found.expiresAt.getTime() / 1000) } : {};
      return { jti: token, kind: 'InitialAccessToken', ...exp };
    },
    upsert: managed,
    consume: managed,
    destroy: managed,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    revokeByGrantId: async () => undefined,
  };
  return (model) => (model === 'InitialAccessToken' ? tokens : factory(model));
}

export interface RegisteredClientsDeps {
  tenant: TenantRecord;
  settings: TDynamicRegistrationSettings;
  applications: ApplicationsService;
  /** Drops this replica's cached copy of a client it has just changed. */
  forgetClient(clientId: string): void;
}

/** The routes of RFC 7592 registration management (read, update, delete). */
const RFC7592_ROUTES = new Set(['client', 'client_update', 'client_delete']);

/**
 * The tenant's clients as the registration endpoints need them. Reads pass through, except that
 * RFC 7592 answers (built from the loaded client) must not show Latchkey's own properties
 * (lifetimes, claim mappings…): only the tenant's admins see and set those. The writes, which
 * oidc-provider calls with the client's validated metadata: RFC 7591 registration creates an
 * application, RFC 7592 update and delete change and remove it, with RFC 7591 errors
 * (`invalid_client_metadata`, `invalid_redirect_uri`, `invalid_token`).
 */
export function registeredClients(
  source: Pick<ClientSource, 'find'>,
  deps: RegisteredClientsDeps,
): Required<ClientSource> {
  const { tenant, applications } = deps;
  return {
    async find(clientId) {
      const metadata = await source.find(clientId);
      const route = Provider.ctx?.oidc.route;
      if (!metadata || route === undefined || !RFC7592_ROUTES.has(route)) return metadata;
      return Object.fromEntries(
        Object.entries(metadata).filter(([key]) => !key.startsWith('latchkey:')),
      ) as AdapterPayload;
    },
    async upsert(clientId, metadata) {
      const ctx = registrationContext(deps, ['registration', 'client_update']);
      const client = describeClient(metadata, deps.settings);
      const verify = (record: OidcClientRecord) => assertServedAsRegistered(ctx, metadata, record);
      await asRegistrationError(async () => {
        if (ctx.oidc.route === 'client_update') {
          await applications.updateRegisteredClient(actorOf(ctx, tenant, clientId), tenant, clientId, {
            client,
            verify,
          });
          return;
        }
        const initialAccessToken = ctx.oidc.entities.InitialAccessToken?.jti;
        if (deps.settings.requireInitialAccessToken && !initialAccessToken) throw new errors.InvalidToken();
        await applications.registerClient(actorOf(ctx, tenant, clientId), tenant, {
          clientId,
          clientSecret: typeof metadata.client_secret === 'string' ? metadata.client_secret : undefined,
          client,
          initialAccessToken,
          verify,
        });
      });
      deps.forgetClient(clientId);
    },
    async destroy(clientId) {
      const ctx = registrationContext(deps, ['client_delete']);
      await asRegistrationError(() =>
        applications.deleteRegisteredClient(actorOf(ctx, tenant, clientId), tenant, clientId),
      );
      deps.forgetClient(clientId);
    },
  };
}

/** The request being served: client writes happen only on the registration routes, when enabled. */
function registrationContext(deps: RegisteredClientsDeps, routes: string[]): KoaContextWithOIDC {
  const ctx = Provider.ctx;
  if (!deps.settings.enabled || !ctx || !routes.includes(ctx.oidc.route)) {
    throw new Error('clients are managed through the management API');
  }
  return ctx;
}

/** Where a registration is audited from: the client itself, acting through the registration endpoint. */
function actorOf(ctx: KoaContextWithOIDC, tenant: TenantRecord, clientId: string): Actor {
  // The Express request behind Koa's: its `ip` honours the server's trusted-proxy setting.
  const req = ctx.req as IncomingMessage & { ip?: string; id?: unknown };
  return {
    principal: { kind: 'dynamic-registration', credentialId: clientId, tenantId: tenant.id, platform: false },
    ip: req.ip,
    userAgent: ctx.get('user-agent') || undefined,
    requestId: typeof req.id === 'string' ? req.id : undefined,
  };
}

/** The management API's field names for RFC 7591 metadata (for mapping error paths back). */
const RFC_NAMES: Record<string, string> = {
  name: 'client_name',
  type: 'application_type',
  redirectUris: 'redirect_uris',
  postLogoutRedirectUris: 'post_logout_redirect_uris',
  grantTypes: 'grant_types',
  tokenEndpointAuthMethod: 'token_endpoint_auth_method',
  jwks: 'jwks',
  backchannelLogoutUri: 'backchannel_logout_uri',
  clientUri: 'client_uri',
  logoUri: 'logo_uri',
  policyUri: 'policy_uri',
  tosUri: 'tos_uri',
  contacts: 'contacts',
  scope: 'scope',
};

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * The application a client's metadata describes. Its type follows from what it asked for: the
 * client_credentials grant makes an m2m client; else `application_type: native` a native app;
 * else a public client (`token_endpoint_auth_method: none`) a spa; else a web app.
 */
export function describeClient(metadata: AdapterPayload, settings: TDynamicRegistrationSettings) {
  const own = Object.keys(metadata).find((key) => key.startsWith('latchkey:'));
  if (own) throw metadataError(`${own} is set by the server, not by the client`);
  const grantTypes = strings(metadata.grant_types);
  const method = str(metadata.token_endpoint_auth_method);
  const type = grantTypes.includes('client_credentials')
    ? 'm2m'
    : metadata.application_type === 'native'
      ? 'native'
      : method === 'none'
        ? 'spa'
        : 'web';
  if (!settings.allowedTypes.includes(type)) {
    throw metadataError(
      `this server does not register ${type} clients (it registers: ${settings.allowedTypes.join(', ')}); ` +
        'see grant_types, application_type and token_endpoint_auth_method',
    );
  }
  return {
    name: str(metadata.client_name) ?? 'Unnamed client',
    type,
    redirectUris: strings(metadata.redirect_uris),
    postLogoutRedirectUris: strings(metadata.post_logout_redirect_uris),
    grantTypes,
    tokenEndpointAuthMethod: method ?? undefined,
    jwks: metadata.jwks ?? null,
    backchannelLogoutUri: str(metadata.backchannel_logout_uri),
    clientUri: str(metadata.client_uri),
    logoUri: str(metadata.logo_uri),
    policyUri: str(metadata.policy_uri),
    tosUri: str(metadata.tos_uri),
    contacts: strings(metadata.contacts),
    scope: str(metadata.scope),
  };
}

/** Set by the server, not part of what the client described. */
const ISSUED = new Set([
  'client_id_issued_at',
  'client_secret',
  'client_secret_expires_at',
  'registration_access_token',
  'registration_client_uri',
]);

/**
 * The registration response shows the client's metadata as oidc-provider validated it; later reads
 * show the application as stored. Refuse any metadata the two would disagree on (what Latchkey does
 * not store, such as `jwks_uri`), so that what a client is told is what it gets (RFC 7591 §3.2.1).
 */
function assertServedAsRegistered(
  ctx: KoaContextWithOIDC,
  described: AdapterPayload,
  record: OidcClientRecord,
): void {
  // The class's typings take no metadata; it is the same constructor Client.find uses.
  const Client = ctx.oidc.provider.Client as unknown as new (
    metadata: Record<string, unknown>,
  ) => { metadata(): Record<string, unknown> };
  const served = new Client(record.metadata).metadata();
  const differences = Object.entries(described)
    .filter(([key]) => !ISSUED.has(key) && !key.startsWith('latchkey:'))
    .filter(([key, value]) => canonical(value) !== canonical(served[key]))
    .map(([key]) =>
      key in served ? `${key} must be ${JSON.stringify(served[key])}` : `${key} must be left out`,
    );
  if (differences.length > 0) {
    throw metadataError(`not supported by this server: ${differences.join('; ')}`);
  }
}

/** JSON with object keys in a stable order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** Runs a write of the applications module, turning its errors into RFC 7591 / 7592 ones. */
async function asRegistrationError(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === ApplicationErrorCode.InitialAccessTokenUnusable) {
      throw new errors.InvalidToken('initial access token unknown, revoked, expired or used up');
    }
    if (error.status === 404) throw new errors.InvalidToken('client not found');
    if (error.status !== 400) throw error;
    const fields = error.errors ?? [];
    throw metadataError(
      describeFieldErrors(fields),
      fields.some((e) => /^redirectUris\[/.test(e.path)),
    );
  }
}

/** One description naming each failing field by its RFC 7591 name, redirect URIs first. */
function describeFieldErrors(fields: readonly TProblemFieldError[]): string {
  const lines = fields.map((e) => {
    const [, head = e.path, rest = ''] = /^([A-Za-z]+)(.*)$/.exec(e.path) ?? [];
    return `${RFC_NAMES[head] ?? head}${rest} ${e.message}`;
  });
  lines.sort((a, b) => Number(b.startsWith('redirect_uris[')) - Number(a.startsWith('redirect_uris[')));
  return lines.join('; ') || 'invalid client metadata';
}

/**
 * `invalid_redirect_uri` when a redirect URI itself is refused, else `invalid_client_metadata`
 * (oidc-provider would pick by the description's first word: an m2m client's non-empty
 * redirect_uris is a metadata problem, not a bad URI).
 */
function metadataError(description: string, invalidRedirectUri = false): errors.InvalidClientMetadata {
  const code = invalidRedirectUri ? 'invalid_redirect_uri' : 'invalid_client_metadata';
  return Object.assign(new errors.InvalidClientMetadata(description), { message: code, error: code });
}
