import type { TPublicBranding } from '@latchkey/contracts';
import { isRecord } from '../interaction/interaction-failure';

/** The parts of `branding.json` the page uses; the API validated the rest when it was saved. */
export type TLoginBranding = Pick<
  TPublicBranding,
  'displayName' | 'logoUrl' | 'faviconUrl' | 'theme' | 'cssVariables' | 'texts' | 'locales'
>;

const TIMEOUT_MS = 5_000;
// What the CSP lets an <img> load (`img-src 'self' data:`), checked again so a bad answer cannot
// make the page request another host.
const SAFE_IMAGE = /^(?:data:image\/(?:png|svg\+xml|webp|x-icon);base64,|\/(?!\/))/;

/**
 * Reads `{base}/login/branding.json`. Null on any failure: the page then shows Latchkey's default
 * look rather than no sign-in at all.
 */
export async function loadBranding(
  base: string,
  fetcher: typeof fetch = fetch,
): Promise<TLoginBranding | null> {
  try {
    const res = await fetcher(`${base}/login/branding.json`, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return res.ok ? checkBranding(await res.json()) : null;
  } catch {
    return null;
  }
}

/** Light shape checks, in the spirit of check-response.ts (no zod in the login bundle). */
export function checkBranding(body: unknown): TLoginBranding | null {
  if (!isRecord(body) || typeof body.displayName !== 'string' || !isRecord(body.locales)) return null;
  const { locales } = body;
  const image = (v: unknown) => (typeof v === 'string' && SAFE_IMAGE.test(v) ? v : null);
  const strings = (v: unknown): Record<string, string> =>
    isRecord(v)
      ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
  const texts = isRecord(body.texts)
    ? Object.fromEntries(Object.entries(body.texts).map(([locale, map]) => [locale, strings(map)]))
    : {};
  return {
    displayName: body.displayName,
    logoUrl: image(body.logoUrl),
    faviconUrl: image(body.faviconUrl),
    theme: body.theme === 'light' || body.theme === 'dark' ? body.theme : 'auto',
    cssVariables: Object.fromEntries(
      Object.entries(strings(body.cssVariables)).filter(([k]) => k.startsWith('--lk-')),
    ),
    texts,
    locales: {
      allowed: Array.isArray(locales.allowed) ? locales.allowed.filter((l) => typeof l === 'string') : [],
      default: typeof locales.default === 'string' ? locales.default : 'en',
    },
  };
}
