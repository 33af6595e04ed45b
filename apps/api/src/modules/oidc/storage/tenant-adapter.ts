import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import { LONG_LIVED_MODELS, type OidcStore } from './oidc-store.js';
import type { RequestPrefetch } from './request-prefetch.js';

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
  prefetched: RequestPrefetch,
): AdapterFactory {
  return (model: string): Adapter => {
    if (model === 'Client') return clientAdapter(clients);
    const store = LONG_LIVED_MODELS.has(model) ? stores.longLived : stores.shortLived;
    const find = (id: string) => store.find(tenantId, model, id);
    return {
      upsert: (id, payload, expiresIn) => {
        if (model === 'Grant') prefetched.forgetGrant(id);
        return store.upsert(tenantId, model, id, payload, expiresIn);
      },
      find:
        model === 'RefreshToken' && store.findWithGrant
          ? (id) => findWithGrant(id, (token) => store.findWithGrant?.(tenantId, model, token), prefetched)
          : model === 'Grant'
            ? async (id) => prefetched.takeGrant(id) ?? find(id)
            : find,
      findByUid: (uid) => store.findByUid(tenantId, model, uid),
      findByUserCode: (userCode) => store.findByUserCode(tenantId, model, userCode),
      consume: (id) => store.consume(tenantId, model, id),
      destroy: (id) => {
        if (model === 'Grant') prefetched.forgetGrant(id);
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

/** The artifact; its grant and account (read in the same query) wait in `prefetched`. */
async function findWithGrant(
  id: string,
  read: (id: string) => ReturnType<NonNullable<OidcStore['findWithGrant']>> | undefined,
  prefetched: RequestPrefetch,
): Promise<AdapterPayload | undefined> {
  const found = await read(id);
  const grantId = found?.payload?.grantId;
  if (typeof grantId === 'string' && found?.grant) prefetched.keep(grantId, found.grant, found.account);
  return found?.payload;
}
