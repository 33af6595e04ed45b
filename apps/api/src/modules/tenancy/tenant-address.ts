/** How a request names its tenant (ARCHITECTURE.md: path prefix, subdomain, custom domain). */
export interface TenantAddress {
  /** Not yet checked against the database. */
  unverifiedTenant: string;
  via: 'path' | 'subdomain' | 'custom-domain';
  /** The request path inside the tenant, starting with `/` (e.g. `/login/`). */
  rest: string;
  /** The path prefix the tenant lives under on this host: `/t/{slug}` or empty. */
  basePath: string;
}

const PATH_PREFIX = /^\/t\/([^/]+)(\/.*)?$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Reads the tenant from the host (`{tenant}.{TENANT_DOMAIN}`) or from the path prefix `/t/{tenant}`.
 * On a tenant's subdomain the prefix is dropped, so `/t/...` there is just a path inside that tenant.
 */
export function tenantAddress(
  hostname: string,
  path: string,
  tenantDomain: string | undefined,
): TenantAddress | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (tenantDomain && host.endsWith(`.${tenantDomain}`)) {
    const label = host.slice(0, -(tenantDomain.length + 1));
    return LABEL.test(label)
      ? { unverifiedTenant: label, via: 'subdomain', rest: path, basePath: '' }
      : undefined;
  }
  const match = PATH_PREFIX.exec(path);
  if (!match?.[1]) return undefined;
  return { unverifiedTenant: match[1], via: 'path', rest: match[2] ?? '', basePath: `/t/${match[1]}` };
}
