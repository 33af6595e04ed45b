import Provider, { type Adapter, type AdapterFactory, type AdapterPayload } from 'oidc-provider';
import { LONG_LIVED_MODELS, type OidcStore } from './oidc-store.js';

/** The request being served (oidc-provider keeps its Koa context in AsyncLocalStorage). */
export type CurrentRequest = () => object | undefined;
const providerRequest: CurrentRequest = () => Provider.ctx;

/** Where a tenant provider's clients come from: the applications table, not the artifact stores. */
export interface ClientSource {
  find(clientId: string): Promise<AdapterPayload | undefined>;
  /** Dynamic client registration (RFC 7591 / 7592) only: see dynamic-registration.ts. */
  upsert?(clientId: string, metadata: AdapterPayload): Promise<void>;
  destroy?(clientId: string): Promise<void>;
}

/**
 * oidc-provider's storage adapter for one tenant: routes each model to the long-lived store
 * (PostgreSQL) or the short-lived one (Redis, or PostgreSQL in the zero-setup mode), and serves
 * `Client` read-only from the applications. The tenant is fixed here, so nothing reaches a store
 * without it.
 */
export function tenantAdapterFactory(
  tenantId: string,
  stores: { longLived: OidcStore; shortLived: OidcStore },
  clients: ClientSource,
  currentRequest: CurrentRequest = providerRequest,
): AdapterFactory {
  const prefetched = new GrantPrefetch(currentRequest);
  return (model: string): Adapter => {
    if (model === 'Client') return clientAdapter(clients);
    const store = LONG_LIVED_MODELS.has(model) ? stores.longLived : stores.shortLived;
    const find = (id: string) => store.find(tenantId, model, id);
    return {
      upsert: (id, payload, expiresIn) => {
        if (model === 'Grant') prefetched.forget(id);
        return store.upsert(tenantId, model, id, payload, expiresIn);
      },
      find:
        model === 'RefreshToken' && store.findWithGrant
          ? (id) => prefetched.findWithGrant(id, (token) => store.findWithGrant?.(tenantId, model, token))
          : model === 'Grant'
            ? (id) => prefetched.take(id) ?? find(id)
            : find,
      findByUid: (uid) => store.findByUid(tenantId, model, uid),
      findByUserCode: (userCode) => store.findByUserCode(tenantId, model, userCode),
      consume: (id) => store.consume(tenantId, model, id),
      destroy: (id) => {
        if (model === 'Grant') prefetched.forget(id);
        return store.destroy(tenantId, model, id);
      },
      revokeByGrantId: (grantId) => store.revokeByGrantId(tenantId, model, grantId),
    };
  };
}

/**
 * Applications are managed through the management API; the registration endpoints write them
 * through the source's `upsert` / `destroy` when the tenant enables dynamic client registration.
 */
function clientAdapter(clients: ClientSource): Adapter {
  const readOnly = async () => {
    throw new Error('clients are managed through the management API');
  };
  const { upsert, destroy } = clients;
  return {
    find: (id) => clients.find(id),
    upsert: upsert ? (id, payload) => upsert.call(clients, id, payload) : readOnly,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: readOnly,
    destroy: destroy ? (id) => destroy.call(clients, id) : readOnly,
    revokeByGrantId: async () => undefined,
  };
}

/**
 * A refresh reads the refresh token, then its grant. Both come back from one query, and the grant
 * waits here for the grant read that follows — within the same request only (keyed by the request
 * object, so nothing is shared between requests and nothing outlives one), read once, and dropped
 * if the request itself saves or destroys that grant.
 */
class GrantPrefetch {
  private readonly byRequest = new WeakMap<object, Map<string, AdapterPayload>>();

  constructor(private readonly currentRequest: CurrentRequest) {}

  async findWithGrant(
    id: string,
    read: (
      id: string,
    ) => Promise<{ payload?: AdapterPayload; grant?: AdapterPayload } | undefined> | undefined,
  ): Promise<AdapterPayload | undefined> {
    const found = await read(id);
    const grantId = found?.payload?.grantId;
    const request = this.currentRequest();
    if (request && typeof grantId === 'string' && found?.grant) {
      const grants = this.byRequest.get(request) ?? new Map<string, AdapterPayload>();
      grants.set(grantId, found.grant);
      this.byRequest.set(request, grants);
    }
    return found?.payload;
  }

  /** The grant this request prefetched, once; undefined when it has to be read. */
  take(grantId: string): Promise<AdapterPayload> | undefined {
    const request = this.currentRequest();
    const grants = request ? this.byRequest.get(request) : undefined;
    const grant = grants?.get(grantId);
    if (!grant) return undefined;
    grants?.delete(grantId);
    return Promise.resolve(grant);
  }

  forget(grantId: string): void {
    const request = this.currentRequest();
    if (request) this.byRequest.get(request)?.delete(grantId);
  }
}
