import { z } from 'zod';
import { defineRoute } from './route.js';

/**
 * A tenant's look on the hosted login (docs/branding.md). Everything here is public: the login page
 * reads it unauthenticated from `{base}/login/branding.json`. Images are inline data URIs or paths on
 * Latchkey's own origin, never another host: the login's CSP allows `img-src 'self' data:` only, and
 * a sign-in page must not tell a third party who is signing in.
 */

const ZHexColor = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex color like #3451d1');

/** Base64 of ~100 KB of image. */
export const BRANDING_IMAGE_MAX_CHARS = 140_000;
const DATA_IMAGE = /^data:image\/(?:png|svg\+xml|webp|x-icon);base64,[A-Za-z0-9+/]+={0,2}$/;
const SAME_ORIGIN_PATH = /^\/(?!\/)[A-Za-z0-9._~/-]*$/;
const ZBrandingImage = z
  .string()
  .max(BRANDING_IMAGE_MAX_CHARS)
  .refine((v) => DATA_IMAGE.test(v) || (SAME_ORIGIN_PATH.test(v) && !v.includes('..')), {
    message: 'must be a data:image/(png|svg+xml|webp|x-icon);base64 URI or a path on this origin',
  });

/** Unquoted family names only (`Inter, Segoe UI, sans-serif`): nothing that could end the value. */
const ZFontStack = z
  .string()
  .trim()
  .max(300)
  .regex(/^[A-Za-z][A-Za-z0-9 -]*(?:,\s*[A-Za-z][A-Za-z0-9 -]*)*$/, 'a comma-separated list of font names');

/** The theme tokens of packages/ui a tenant may set directly, beyond the named colors. */
export const BRANDING_CSS_VARIABLES = [
  '--lk-color-surface',
  '--lk-color-surface-muted',
  '--lk-color-border',
  '--lk-color-border-strong',
  '--lk-color-text-muted',
  '--lk-color-primary-hover',
  '--lk-color-on-primary',
  '--lk-color-focus-ring',
  '--lk-color-danger',
  '--lk-color-success',
  '--lk-elevation-card',
] as const;
const UNSAFE_CSS = /url\(|expression|image-set|@|\\|src\(/i;
const ZCssValue = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[#A-Za-z0-9 .,%()/-]+$/, 'letters, digits, spaces and # . , % ( ) / - only')
  .refine((v) => !UNSAFE_CSS.test(v), { message: 'must not load resources' });

/**
 * Strings of the login a tenant may replace, as `section.key` of the English messages
 * (apps/login/src/i18n/en.ts; a test there checks each names a plain string).
 */
/**
 * Texts that show a value (the tenant's or the application's name): an override writes it as a
 * placeholder in braces, e.g. "Welcome back to {tenant}". The values are in the order the login's
 * message functions take them.
 */
export const BRANDING_TEXT_PLACEHOLDERS = {
  'signIn.subheading': ['tenant'],
  'signIn.subheadingWithApp': ['app', 'tenant'],
  'signUp.lead': ['app', 'tenant'],
  'consent.heading': ['app'],
  'consent.lead': ['app', 'tenant'],
  'organization.lead': ['app'],
} as const satisfies Record<string, readonly string[]>;

export const BRANDING_TEXT_KEYS = [
  'signIn.heading',
  'signIn.identifierLabel',
  'signIn.passwordLabel',
  'signIn.rememberLabel',
  'signIn.rememberHint',
  'signIn.submit',
  'signIn.noAccount',
  'signIn.createAccount',
  'signIn.forgotPassword',
  'signIn.emailCodeInstead',
  'signUp.heading',
  'signUp.submit',
  'signUp.haveAccount',
  'forgotPassword.heading',
  'forgotPassword.lead',
  'forgotPassword.submit',
  'emailCode.heading',
  'emailCode.lead',
  'consent.allow',
  'consent.deny',
  'consent.note',
  'footer.securedBy',
  ...(Object.keys(BRANDING_TEXT_PLACEHOLDERS) as Array<keyof typeof BRANDING_TEXT_PLACEHOLDERS>),
] as const;
export type TBrandingTextKey = (typeof BRANDING_TEXT_KEYS)[number];

const ZLocaleTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as en or de-CH');
const ZTextValue = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20), { message: 'must be one line' });

export const ZBranding = z.object({
  logoUrl: ZBrandingImage.nullable().default(null),
  faviconUrl: ZBrandingImage.nullable().default(null),
  colors: z.object({ primary: ZHexColor, background: ZHexColor, text: ZHexColor }).partial().default({}),
  cornerRadius: z.number().int().min(0).max(24).nullable().default(null),
  fontStack: ZFontStack.nullable().default(null),
  theme: z.enum(['light', 'dark', 'auto']).default('auto'),
  cssVariables: z.partialRecord(z.enum(BRANDING_CSS_VARIABLES), ZCssValue).default({}),
  texts: z
    .record(ZLocaleTag, z.partialRecord(z.enum(BRANDING_TEXT_KEYS), ZTextValue))
    .default({})
    .superRefine(checkPlaceholders),
});
export type TBranding = z.infer<typeof ZBranding>;

/** A text with values may name only its own placeholders; a typo would show up as `{tenat}`. */
function checkPlaceholders(texts: Record<string, Record<string, string | undefined>>, ctx: z.RefinementCtx) {
  for (const [locale, byKey] of Object.entries(texts)) {
    for (const [key, text] of Object.entries(byKey)) {
      const allowed: readonly string[] | undefined =
        BRANDING_TEXT_PLACEHOLDERS[key as keyof typeof BRANDING_TEXT_PLACEHOLDERS];
      if (!allowed || text === undefined) continue;
      for (const [, name] of text.matchAll(/\{([^{}]*)\}/g)) {
        if (allowed.includes(name as string)) continue;
        ctx.addIssue({
          code: 'custom',
          path: [locale, key],
          message: `unknown placeholder {${name}}: this text can use ${allowed.map((p) => `{${p}}`).join(', ')}`,
        });
      }
    }
  }
}
export type TBrandingInput = z.input<typeof ZBranding>;

/** The tokens of packages/ui a branding sets, in the order the login applies them to `:root`. */
export function brandingCssVariables(branding: TBranding): Record<string, string> {
  const vars: Record<string, string> = {};
  const { primary, background, text } = branding.colors;
  if (primary) {
    vars['--lk-color-primary'] = primary;
    vars['--lk-color-primary-hover'] = primary;
    vars['--lk-color-focus-ring'] = primary;
    vars['--lk-color-on-primary'] = readableOn(primary);
  }
  if (background) vars['--lk-color-bg'] = background;
  if (text) vars['--lk-color-text'] = text;
  if (branding.cornerRadius !== null) {
    const r = branding.cornerRadius;
    vars['--lk-radius-sm'] = `${Math.round(r / 2)}px`;
    vars['--lk-radius-md'] = `${r}px`;
    vars['--lk-radius-lg'] = `${Math.round(r * 1.5)}px`;
  }
  if (branding.fontStack) vars['--lk-font-sans'] = branding.fontStack;
  return { ...vars, ...branding.cssVariables };
}

/** Black or white text on a color, whichever contrasts more (WCAG relative luminance). */
function readableOn(hex: string): string {
  const full = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/** What `{base}/login/branding.json` serves: the branding plus what the page needs to pick a locale. */
export const ZPublicBranding = ZBranding.extend({
  displayName: z.string(),
  locales: z.object({ allowed: z.array(z.string()), default: z.string() }),
  /** `brandingCssVariables` of it, computed here so the login page need not bundle this module. */
  cssVariables: z.record(z.string(), z.string()),
});
export type TPublicBranding = z.infer<typeof ZPublicBranding>;

export const ZBrandingPreview = z.object({
  branding: ZBranding,
  /** The custom properties the login sets on `:root` for it. */
  cssVariables: z.record(z.string(), z.string()),
});
export type TBrandingPreview = z.infer<typeof ZBrandingPreview>;

export const brandingRoutes = {
  previewBranding: defineRoute({
    id: 'previewBranding',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/branding/preview',
    summary: 'Validate a branding without saving it: the normalized branding and the CSS variables it yields',
    tag: 'Branding',
    scope: 'tenant',
    body: ZBranding,
    success: { status: 200, body: ZBrandingPreview },
  }),
} as const;
