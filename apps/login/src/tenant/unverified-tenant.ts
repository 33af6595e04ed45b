/**
 * Which tenant this page claims to belong to, read from the URL. "Unverified": it is only a hint
 * for display until the interaction API confirms the tenant exists (the API, not this page, decides).
 *
 * Two URL shapes reach the hosted login (ARCHITECTURE.md, public contract):
 * - path routing: `/t/{tenant}/login/…` — the tenant is in the path;
 * - a tenant subdomain or custom domain: `/login/…` — the host itself names the tenant.
 */
export type TUnverifiedTenant = { source: 'path'; slug: string } | { source: 'host'; host: string };

// Slugs double as DNS labels (`{tenant}.{TENANT_DOMAIN}`), so they follow the label rules:
// lowercase letters, digits and inner hyphens, at most 63 characters.
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PATH_ROUTED = /^\/t\/([^/]+)\/login(?:\/|$)/;
const HOST_ROUTED = /^\/login(?:\/|$)/;

export function parseUnverifiedTenant(pathname: string, hostname: string): TUnverifiedTenant | null {
  const encoded = PATH_ROUTED.exec(pathname)?.[1];
  if (encoded !== undefined) {
    const slug = safeDecode(encoded);
    return slug !== null && SLUG.test(slug) ? { source: 'path', slug } : null;
  }
  if (HOST_ROUTED.test(pathname) && hostname) return { source: 'host', host: hostname };
  return null;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape (`%E0%A4%A`) is not a slug; treat it as no tenant rather than crash.
    return null;
  }
}
