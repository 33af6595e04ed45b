import { hkdfSync } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type Provider from 'oidc-provider';
import type { AdapterPayload } from 'oidc-provider';
import { ChangeBus } from '../../platform/events/change-bus.js';
import { type RateLimiter, rateLimiterFor } from '../../platform/rate-limit/rate-limiter.js';
import type { Runtime } from '../../platform/runtime/runtime.js';
import { RUNTIME } from '../../platform/runtime/runtime.tokens.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { UserAccountsService } from '../identity/user-accounts.service.js';
import { UserOrganizationsService } from '../organizations/user-organizations.service.js';
import { ApiResourcesService } from '../rbac/api-resources.service.js';
import { EffectivePermissionsService } from '../rbac/effective-permissions.service.js';
import { SigningKeysService } from '../signing-keys/signing-keys.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { registeredClients, withInitialAccessTokens } from './dynamic-registration.js';
import { managementAudience } from './management-audience.js';
import { OrganizationSelections } from './organization-claims.js';
import { withSessionIssuer } from './sessions/session-issuer.js';
import type { OidcStore } from './storage/oidc-store.js';
import { PgOidcStore } from './storage/pg-oidc-store.js';
import { RedisOidcStore } from './storage/redis-oidc-store.js';
import { RequestPrefetch } from './storage/request-prefetch.js';
import { tenantAdapterFactory } from './storage/tenant-adapter.js';
import { buildTenantProvider } from './tenant-provider.js';

/** How long a built provider or a loaded client may be used without hearing of a change. */
const PROVIDER_TTL_MS = 10 * 60_000;
const CLIENT_TTL_MS = 60_000;

interface CachedClient {
  metadata: AdapterPayload | undefined;
  secrets: string[];
  freshUntil: number;
}

interface TenantProviderEntry {
  provider: Provider;
  clients: Map<string, CachedClient>;
}

/**
 * One oidc-provider instance per tenant and issuer (a tenant reached on its custom domain has a
 * different issuer than on the path prefix), built on first use and kept in a bounded LRU. Any
 * change to a tenant's keys, applications or settings drops its entries on every replica
 * (ChangeBus); entries also expire on their own, so a lost message only delays a change.
 * Nothing a flow needs lives here: artifacts are in Redis / PostgreSQL, so any replica can serve
 * any step.
 */
@Injectable()
export class OidcProviderRegistry implements OnModuleDestroy {
  private readonly cache = new LRUCache<string, Promise<TenantProviderEntry>>({
    max: 500,
    ttl: PROVIDER_TTL_MS,
  });
  /** Each cache entry once built, so a request can take its provider without awaiting a promise. */
  private readonly built = new WeakMap<Promise<TenantProviderEntry>, TenantProviderEntry>();
  private readonly longLived: OidcStore;
  private readonly shortLived: OidcStore;
  private readonly rateLimiter: RateLimiter;
  private readonly unsubscribe: () => void;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    changes: ChangeBus,
    private readonly tenancy: TenancyService,
    private readonly keys: SigningKeysService,
    private readonly applications: ApplicationsService,
    private readonly accounts: UserAccountsService,
    private readonly resources: ApiResourcesService,
    private readonly permissions: EffectivePermissionsService,
    private readonly organizations: UserOrganizationsService,
  ) {
    this.longLived = new PgOidcStore(runtime.sql);
    this.shortLived = runtime.redis ? new RedisOidcStore(runtime.redis) : this.longLived;
    this.rateLimiter = rateLimiterFor(runtime);
    this.unsubscribe = changes.subscribe((change) => this.forget(change.tenantId));
  }

  onModuleDestroy(): void {
    this.unsubscribe();
    this.cache.clear();
  }

  async providerFor(tenant: TenantRecord, issuer: string): Promise<Provider> {
    const key = `${tenant.id} ${issuer}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const building = this.build(tenant, issuer);
      entry = building;
      this.cache.set(key, building);
      building.then(
        (built) => this.built.set(building, built),
        () => this.cache.delete(key),
      );
    }
    return (await entry).provider;
  }

  /** The provider providerFor would return, if it is built and cached already; else `undefined`. */
  cachedProvider(tenant: TenantRecord, issuer: string): Provider | undefined {
    const entry = this.cache.get(`${tenant.id} ${issuer}`);
    return entry ? this.built.get(entry)?.provider : undefined;
  }

  /** Where the organization chosen for each grant of the tenant is kept. */
  organizationSelections(tenantId: string): OrganizationSelections {
    return new OrganizationSelections(tenantId, this.longLived, this.organizations);
  }

  /** The store of short-lived artifacts, for flow state kept beside them (pending sign-ups). */
  shortLivedStore(): OidcStore {
    return this.shortLived;
  }

  /** The PostgreSQL store of long-lived artifacts, for flow state that must outlive a Redis flush (reset links). */
  longLivedStore(): OidcStore {
    return this.longLived;
  }

  /** Drops every cached provider of the tenant (all its issuers). */
  forget(tenantId: string): void {
    for (const key of [...this.cache.keys()]) {
      if (key.startsWith(`${tenantId} `)) this.cache.delete(key);
    }
  }

  private async build(tenant: TenantRecord, issuer: string): Promise<TenantProviderEntry> {
    const [jwks, settings, customClaimNames] = await Promise.all([
      this.keys.signingKeySet(tenant.id),
      this.tenancy.settings(tenant),
      this.applications.customClaimNames(tenant.id),
    ]);
    const clients = new Map<string, CachedClient>();
    const loadClient = async (clientId: string): Promise<CachedClient> => {
      const cached = clients.get(clientId);
      if (cached && Date.now() < cached.freshUntil) return cached;
      const record = await this.applications.clientMetadata(tenant.id, clientId);
      const loaded = {
        metadata: record?.metadata as AdapterPayload | undefined,
        secrets: record?.secrets ?? [],
        // No change message announces a secret's overlap ending: never cache past it.
        freshUntil: Math.min(
          Date.now() + CLIENT_TTL_MS,
          record?.validUntil?.getTime() ?? Number.POSITIVE_INFINITY,
        ),
      };
      clients.set(clientId, loaded);
      return loaded;
    };
    const prefetched = new RequestPrefetch();
    const provider = buildTenantProvider({
      tenant,
      issuer,
      managementAudience: managementAudience(this.runtime.config.publicUrl),
      settings,
      jwks: jwks as never,
      cookieKeys: [this.cookieKey(tenant.id)],
      adapter: withInitialAccessTokens(
        withSessionIssuer(
          tenantAdapterFactory(
            tenant.id,
            { longLived: this.longLived, shortLived: this.shortLived },
            registeredClients(
              { find: async (clientId) => (await loadClient(clientId)).metadata },
              {
                tenant,
                settings: settings.dynamicRegistration,
                applications: this.applications,
                forgetClient: (clientId) => clients.delete(clientId),
              },
            ),
            prefetched,
          ),
          issuer,
        ),
        (token) => this.applications.initialAccessToken(tenant.id, token),
      ),
      prefetched,
      secretsOf: (clientId) => clients.get(clientId)?.secrets,
      accounts: this.accounts,
      resources: this.resources,
      permissions: this.permissions,
      selections: new OrganizationSelections(tenant.id, this.longLived, this.organizations),
      organizations: this.organizations,
      customClaimNames,
      allowPrivateNetwork: this.runtime.config.allowPrivateNetwork,
      rateLimiter: this.rateLimiter,
    });
    reuseClientInstances(provider, loadClient, (clientId) => clients.get(clientId));
    provider.on('server_error', (_ctx, err) =>
      this.runtime.logger.error({ err, tenant: tenant.slug }, 'OIDC provider error'),
    );
    // A relying party that cannot be told about a logout should be visible to operators.
    provider.on('backchannel.error', (_ctx, err, client) =>
      this.runtime.logger.warn(
        {
          err: err.message,
          cause: (err as { cause?: { code?: string; message?: string } }).cause?.message,
          tenant: tenant.slug,
          clientId: client.clientId,
        },
        'back-channel logout delivery failed',
      ),
    );
    return { provider, clients };
  }

  /** The same on every replica (derived from the master key), different for every tenant. */
  private cookieKey(tenantId: string): string {
    return Buffer.from(
      hkdfSync('sha256', this.runtime.masterKey, Buffer.from(tenantId), 'latchkey oidc cookie signing', 32),
    ).toString('base64url');
  }
}

/**
 * oidc-provider's Client.find serializes and hashes an adapter-loaded client's metadata on every
 * call, to find the instance it built for it. The registry already holds each client's metadata,
 * as one object until it is reloaded (expiry, a change message, a registration update): while that
 * object is the same, so is the Client instance, so it is handed out without re-hashing.
 */
function reuseClientInstances(
  provider: Provider,
  load: (clientId: string) => Promise<CachedClient>,
  current: (clientId: string) => CachedClient | undefined,
): void {
  const ClientClass = provider.Client as unknown as { find(id: string): Promise<unknown> };
  const find = ClientClass.find.bind(ClientClass);
  const instances = new WeakMap<CachedClient, unknown>();
  ClientClass.find = async (clientId: string) => {
    if (typeof clientId !== 'string' || !clientId) return find(clientId);
    const entry = await load(clientId);
    const known = instances.get(entry);
    if (known) return known;
    const client = await find(clientId);
    if (client && current(clientId) === entry) instances.set(entry, client);
    return client;
  };
}
