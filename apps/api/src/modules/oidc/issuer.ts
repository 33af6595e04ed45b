import { AppError } from '../../platform/errors/app-error.js';
import type { TenantAddress } from '../tenancy/tenant-address.js';

const HOST = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::\d{1,5})?$/;

/**
 * The issuer a tenant has on the address it was reached by (ARCHITECTURE.md): `PUBLIC_URL/t/{slug}`
 * on the path prefix; the bare origin on its subdomain or verified custom domain. The scheme always
 * comes from PUBLIC_URL (TLS ends at the proxy); the host from the request only once the host has
 * been matched to this tenant (subdomain of TENANT_DOMAIN, or a verified custom domain).
 */
export function issuerFor(
  address: TenantAddress,
  slug: string,
  publicUrl: string,
  requestHost: string,
): string {
  const base = parsedPublicUrl(publicUrl);
  if (address.via === 'path') return `${base.origin}/t/${slug}`;
  const host = requestHost.toLowerCase();
  // Only a plain host[:port]: anything else in the Host header must not reach an issuer (or mint
  // provider instances: the registry caches one per issuer).
  if (!HOST.test(host)) throw AppError.notFound();
  return `${base.protocol}//${host}`;
}

/** The issuer on the path prefix, which every tenant has whatever other address it is reached by. */
export function pathIssuer(slug: string, publicUrl: string): string {
  return `${new URL(publicUrl).origin}/t/${slug}`;
}

/** PUBLIC_URL is one value per process: parsed once, not on every request. */
let lastPublicUrl: { text: string; url: URL } | undefined;
function parsedPublicUrl(publicUrl: string): URL {
  if (lastPublicUrl?.text !== publicUrl) lastPublicUrl = { text: publicUrl, url: new URL(publicUrl) };
  return lastPublicUrl.url;
}
