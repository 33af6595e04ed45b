import { createHash } from 'node:crypto';
import {
  brandingCssVariables,
  type TBranding,
  type TBrandingPreview,
  type TPublicBranding,
  type TTenantSettings,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/**
 * What the hosted login may know of a tenant's look: the branding, its display name and locales.
 * Public by design, so it must never grow a field from elsewhere in the settings.
 */
export function publicBranding(tenant: TenantRecord, settings: TTenantSettings): TPublicBranding {
  return {
    ...settings.branding,
    cssVariables: brandingCssVariables(settings.branding),
    displayName: tenant.displayName,
    locales: { allowed: settings.locales.allowed, default: settings.locales.default },
  };
}

/** A strong validator for the body, so a browser revalidating gets a 304 while nothing changed. */
export function brandingEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

@Injectable()
export class BrandingService {
  /** The console's preview: the branding as it would be stored, and the CSS variables the login sets. */
  preview(branding: TBranding): TBrandingPreview {
    return { branding, cssVariables: brandingCssVariables(branding) };
  }
}
