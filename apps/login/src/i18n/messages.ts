import { loadCatalog } from './catalog';
import { en, type TMessages } from './en';

/** A copy of a section per key, so overrides never touch `en` itself. */
const fresh = (): TMessages =>
  Object.fromEntries(
    Object.entries(en).map(([key, value]) => [
      key,
      typeof value === 'object' && value !== null ? { ...value } : value,
    ]),
  ) as TMessages;

/**
 * The active strings: the chosen locale's catalog with the tenant's overrides for it
 * (docs/branding.md). Pages read it while rendering, so strings set before a render show in it.
 */
export const messages: TMessages = fresh();

/**
 * Makes `catalog` the active strings, then replaces some by `section.key` (the contract's
 * BRANDING_TEXT_KEYS); a key that does not name a plain string is ignored. Starts from the catalog
 * every time, so switching locales leaves nothing behind.
 */
export function applyTextOverrides(overrides: Record<string, string>, catalog: TMessages = en): void {
  // In place, section by section: pages keep `const t = messages.signIn` from module load.
  const active = messages as unknown as Record<string, unknown>;
  for (const [section, value] of Object.entries(catalog)) {
    const current = active[section];
    if (typeof value === 'object' && value !== null && typeof current === 'object' && current !== null) {
      Object.assign(current, value);
    } else {
      active[section] = value;
    }
  }
  for (const [path, text] of Object.entries(overrides)) {
    const [section, key, ...rest] = path.split('.');
    if (!section || !key || rest.length > 0) continue;
    const target = active[section] as Record<string, unknown> | undefined;
    if (!target || typeof target !== 'object') continue;
    if (typeof target[key] === 'string') target[key] = text;
    const names = TEXT_PLACEHOLDERS[path];
    if (typeof target[key] === 'function' && names) target[key] = fillIn(text, names);
  }
}

/**
 * Texts with values an override may set, and their placeholders in the order the message
 * functions take the values: the contract's BRANDING_TEXT_PLACEHOLDERS (a test keeps them equal;
 * the login imports no runtime code from the contracts package).
 */
const TEXT_PLACEHOLDERS: Record<string, readonly string[] | undefined> = {
  'signIn.subheading': ['tenant'],
  'signIn.subheadingWithApp': ['app', 'tenant'],
  'signUp.lead': ['app', 'tenant'],
  'consent.heading': ['app'],
  'consent.lead': ['app', 'tenant'],
  'organization.lead': ['app'],
};
export const TEXT_PLACEHOLDERS_FOR_TESTS = TEXT_PLACEHOLDERS;

/** `{name}` → the value in that position; React escapes the result like any other string. */
function fillIn(template: string, names: readonly string[]) {
  return (...values: unknown[]) =>
    template.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
      const at = names.indexOf(name);
      return at >= 0 ? String(values[at] ?? '') : whole;
    });
}

/**
 * The page's locale: the first of the sign-in's `ui_locales`, then the browser's languages (what it
 * sends as Accept-Language), that the tenant allows (an exact tag, else its language); else the
 * tenant's default.
 */
export function chooseLocale(
  candidates: readonly string[],
  locales: { allowed: readonly string[]; default: string },
): string {
  const allowed = locales.allowed.map((l) => l.toLowerCase());
  for (const tag of candidates) {
    const lower = tag.toLowerCase();
    const exact = allowed.indexOf(lower);
    if (exact >= 0) return locales.allowed[exact] as string;
    const language = allowed.indexOf(lower.split('-')[0] as string);
    if (language >= 0) return locales.allowed[language] as string;
  }
  return locales.default;
}

/**
 * Switches the page to `locale`: its catalog (fetched on first use), the tenant's overrides for it,
 * and `<html lang>` naming the language the strings are really in.
 */
export async function activateLocale(
  locale: string,
  texts: Record<string, Record<string, string>>,
): Promise<void> {
  const catalog = await loadCatalog(locale);
  applyTextOverrides(texts[locale] ?? {}, catalog);
  document.documentElement.lang = catalog.locale;
}
