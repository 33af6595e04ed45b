import { BRANDING_TEXT_KEYS } from '@latchkey/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog';
import { en } from './en';
import { applyTextOverrides, chooseLocale, messages } from './messages';

afterEach(() => applyTextOverrides({}));

describe('BRANDING_TEXT_KEYS', () => {
  it.each(BRANDING_TEXT_KEYS)('%s names a plain string of en', (path) => {
    const [section, key] = path.split('.') as [string, string];
    expect(typeof (en as unknown as Record<string, Record<string, unknown>>)[section]?.[key]).toBe('string');
  });
});

describe('applyTextOverrides', () => {
  it('replaces allowed strings in place, leaving en untouched', () => {
    const signIn = messages.signIn;
    applyTextOverrides({ 'signIn.heading': 'Welcome back' });
    expect(signIn.heading).toBe('Welcome back');
    expect(en.signIn.heading).toBe('Sign in');
  });

  it('ignores unknown keys and functions', () => {
    applyTextOverrides({ 'signIn.subheading': 'x', 'nope.key': 'x', 'signIn.heading.deep': 'x' });
    expect(typeof messages.signIn.subheading).toBe('function');
    expect(messages.signIn.heading).toBe('Sign in');
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
