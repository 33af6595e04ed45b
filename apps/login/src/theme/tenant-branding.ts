import type { TUnverifiedTenant } from '../tenant/unverified-tenant';

/** What the page's header shows of a tenant (colors and texts are applied page-wide, apply-branding.ts). */
export interface TTenantBranding {
  displayName: string;
  /** One or two letters for the avatar tile shown in place of a logo. */
  monogram: string;
  /** A data: URI or same-origin path (checked in load-branding.ts). */
  logoUrl?: string | null;
}

/** Until branding is served, show what the URL says: the slug, or the host on a custom domain. */
export function fallbackBranding(tenant: TUnverifiedTenant): TTenantBranding {
  const displayName = tenant.source === 'path' ? tenant.slug : tenant.host;
  return { displayName, monogram: monogram(displayName) };
}

/** `acme` → `A`, `acme-corp` → `AC`, `id.acme.com` → `IA`. */
export function monogram(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join('');
}
