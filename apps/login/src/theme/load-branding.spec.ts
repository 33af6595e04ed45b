import { describe, expect, it } from 'vitest';
import { checkBranding } from './load-branding';

const valid = {
  displayName: 'Acme',
  logoUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
  faviconUrl: null,
  theme: 'dark',
  cssVariables: { '--lk-color-primary': '#ff0000' },
  texts: { de: { 'signIn.heading': 'Anmelden' } },
  locales: { allowed: ['en', 'de'], default: 'en' },
};

describe('checkBranding', () => {
  it('keeps a valid answer', () => {
    expect(checkBranding(valid)).toEqual(valid);
  });

  it('drops images from other hosts and non-token properties', () => {
    const checked = checkBranding({
      ...valid,
      logoUrl: 'https://tracker.example/logo.png',
      faviconUrl: '//evil.example/x.ico',
      cssVariables: { color: 'red', '--lk-color-bg': '#000' },
    });
    expect(checked?.logoUrl).toBeNull();
    expect(checked?.faviconUrl).toBeNull();
    expect(checked?.cssVariables).toEqual({ '--lk-color-bg': '#000' });
  });

  it('refuses something that is not a branding', () => {
    expect(checkBranding({ displayName: 1 })).toBeNull();
    expect(checkBranding('nope')).toBeNull();
  });
});
