import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { TenantRecord } from '../../tenancy/tenancy.repository.js';
import { pathIssuer } from '../issuer.js';

/**
 * Latchkey's own field on a stored session: the issuer of the provider that saved it. A tenant has
 * one provider per address (path prefix, subdomain, custom domain), and the session cookie belongs
 * to one address, so a session lives under exactly one issuer: the one its applications signed in
 * under, and the one their back-channel logout tokens must name.
 */
export const SESSION_ISSUER = 'latchkey:iss';

/** Stamps every session the provider of `issuer` saves (it saves on each request that uses one). */
export function withSessionIssuer(factory: AdapterFactory, issuer: string): AdapterFactory {
  return (model: string): Adapter => {
    const adapter = factory(model);
    if (model !== 'Session') return adapter;
    return {
      upsert: (id, payload, expiresIn) =>
        adapter.upsert(id, { ...payload, [SESSION_ISSUER]: issuer }, expiresIn),
      find: (id) => adapter.find(id),
      findByUid: (uid) => adapter.findByUid(uid),
      findByUserCode: (userCode) => adapter.findByUserCode(userCode),
      consume: (id) => adapter.consume(id),
      destroy: (id) => adapter.destroy(id),
      revokeByGrantId: (grantId) => adapter.revokeByGrantId(grantId),
    };
  };
}

export interface IssuerCheck {
  /** PUBLIC_URL and TENANT_DOMAIN. */
  publicUrl: string;
  tenantDomain: string | undefined;
  /** The tenant a verified custom domain belongs to, if any. */
  tenantForHost(hostname: string): Promise<{ id: string } | null>;
}

/**
 * The issuer to end a stored session under: the one it was saved under while that address still
 * serves the tenant (its subdomain, or a custom domain still verified for it); else, and for
 * sessions saved before the issuer was recorded, the path prefix's, which every tenant has.
 */
export async function sessionIssuer(
  tenant: TenantRecord,
  payload: AdapterPayload | undefined,
  check: IssuerCheck,
): Promise<string> {
  const fallback = pathIssuer(tenant.slug, check.publicUrl);
  const recorded = payload?.[SESSION_ISSUER];
  if (typeof recorded !== 'string' || recorded === fallback) return fallback;
  let url: URL;
  try {
    url = new URL(recorded);
  } catch {
    return fallback;
  }
  // A subdomain or custom-domain issuer is a bare origin with PUBLIC_URL's scheme (issuer.ts).
  if (url.protocol !== new URL(check.publicUrl).protocol || url.href !== `${url.origin}/`) return fallback;
  const hostname = url.hostname;
  if (check.tenantDomain && hostname === `${tenant.slug}.${check.tenantDomain}`) return url.origin;
  const owner = await check.tenantForHost(hostname).catch(() => null);
  return owner?.id === tenant.id ? url.origin : fallback;
}
