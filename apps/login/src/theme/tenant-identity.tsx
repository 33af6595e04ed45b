import type { TTenantBranding } from './tenant-branding';

/** The tenant's mark and name at the top of every login page: users should see whom they sign in to. */
export function TenantIdentity({ branding }: { branding: TTenantBranding }) {
  // A logo usually carries the name already; its alt text says it for screen readers.
  if (branding.logoUrl) {
    return (
      <div className="tenant-identity">
        <img className="tenant-identity__logo" src={branding.logoUrl} alt={branding.displayName} />
      </div>
    );
  }
  return (
    <div className="tenant-identity">
      {/* Decorative: the name beside it says the same. */}
      <span className="tenant-identity__tile" aria-hidden="true">
        {branding.monogram}
      </span>
      <span className="tenant-identity__name">{branding.displayName}</span>
    </div>
  );
}
