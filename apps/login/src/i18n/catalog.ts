import { en, type TMessages } from './en';

/** The languages the login is translated into; a tenant's `locales.allowed` picks among them. */
export const SUPPORTED_LANGUAGES = ['en', 'de', 'fr', 'es', 'ja'] as const;

/** The choice when the tenant's branding could not be read. */
export const DEFAULT_LOCALES = { allowed: [...SUPPORTED_LANGUAGES], default: 'en' };

// One chunk per language, fetched only when chosen: most visitors need one of five.
const loaders: Record<string, () => Promise<TMessages>> = {
  de: () => import('./de').then((m) => m.de),
  fr: () => import('./fr').then((m) => m.fr),
  es: () => import('./es').then((m) => m.es),
  ja: () => import('./ja').then((m) => m.ja),
};

/** The strings for a locale's language (`de-CH` → German); English when it has none or its chunk fails. */
export async function loadCatalog(locale: string): Promise<TMessages> {
  const load = loaders[locale.toLowerCase().split('-')[0] ?? ''];
  if (!load) return en;
  try {
    return await load();
  } catch {
    return en;
  }
}
