import { BRANDING_TEXT_KEYS, BRANDING_TEXT_PLACEHOLDERS } from '@latchkey/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog';
import { en } from './en';
import { applyTextOverrides, chooseLocale, messages, TEXT_PLACEHOLDERS_FOR_TESTS } from './messages';

afterEach(() => applyTextOverrides({}));

describe('BRANDING_TEXT_KEYS', () => {
  const placeholders = BRANDING_TEXT_PLACEHOLDERS as Record<string, readonly string[]>;
  it.each(BRANDING_TEXT_KEYS)('%s names a string of en, or a function of its placeholders', (path) => {
    const [section, key] = path.split('.') as [string, string];
    const value = (en as unknown as Record<string, Record<string, unknown>>)[section]?.[key];
    if (placeholders[path]) {
      expect(typeof value).toBe('function');
      expect((value as (...args: unknown[]) => string).length).toBe(placeholders[path]?.length);
    } else {
      expect(typeof value).toBe('string');
    }
  });

  it('gives the login the contract’s placeholders', () => {
    expect(TEXT_PLACEHOLDERS_FOR_TESTS).toEqual(BRANDING_TEXT_PLACEHOLDERS);
  });
});

describe('applyTextOverrides', () => {
  it('replaces allowed strings in place, leaving en untouched', () => {
    const signIn = messages.signIn;
    applyTextOverrides({ 'signIn.heading': 'Welcome back' });
    expect(signIn.heading).toBe('Welcome back');
    expect(en.signIn.heading).toBe('Sign in');
  });

  it('ignores unknown keys, and functions without placeholders', () => {
    applyTextOverrides({ 'signUp.passwordHint': 'x', 'nope.key': 'x', 'signIn.heading.deep': 'x' });
    expect(messages.signUp.passwordHint(12)).toBe('At least 12 characters.');
    expect(messages.signIn.heading).toBe('Sign in');
  });

  it('fills a text’s placeholders with the values, whatever their order', () => {
    applyTextOverrides({
      'signIn.subheadingWithApp': 'Your {tenant} account opens {app} — {app}!',
      'consent.heading': 'Share with {app}? {unknown}',
    });
    expect(messages.signIn.subheadingWithApp('Notes', 'Acme')).toBe('Your Acme account opens Notes — Notes!');
    expect(messages.consent.heading('Notes')).toBe('Share with Notes? {unknown}');
    applyTextOverrides({});
    expect(messages.consent.heading('Notes')).toBe('Allow Notes to access your account?');
  });

  it('starts from English each time', () => {
    applyTextOverrides({ 'signIn.submit': 'Anmelden' });
    applyTextOverrides({});
    expect(messages.signIn.submit).toBe('Sign in');
  });
});

describe('chooseLocale', () => {
  const locales = { allowed: ['en', 'de', 'fr'], default: 'fr' };
  it.each([
    [['de'], 'de'],
    [['de-CH', 'en'], 'de'],
    [['ja', 'EN'], 'en'],
    [['ja'], 'fr'],
    [[], 'fr'],
  ])('%j → %s', (candidates, expected) => {
    expect(chooseLocale(candidates, locales)).toBe(expected);
  });
});

describe('catalogs', () => {
  it.each(['de', 'fr', 'es', 'ja'])('%s translates every string and keeps the sections', async (locale) => {
    const catalog = await loadCatalog(locale);
    expect(catalog.locale).toBe(locale);
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [section, value] of Object.entries(en)) {
      if (typeof value !== 'object') continue;
      expect(Object.keys((catalog as unknown as Record<string, object>)[section] ?? {}).sort()).toEqual(
        Object.keys(value).sort(),
      );
    }
    expect(catalog.signIn.passwordLabel).not.toBe(en.signIn.passwordLabel);
  });

  it('falls back to English for an untranslated language, by language for a regional tag', async () => {
    expect(await loadCatalog('it')).toBe(en);
    expect((await loadCatalog('de-CH')).locale).toBe('de');
  });

  it('applies overrides on top of a catalog', async () => {
    applyTextOverrides({ 'signIn.submit': 'Los geht’s' }, await loadCatalog('de'));
    expect(messages.signIn.submit).toBe('Los geht’s');
    expect(messages.signIn.passwordLabel).toBe('Passwort');
    expect(messages.locale).toBe('de');
  });
});
