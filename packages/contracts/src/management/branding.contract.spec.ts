import { describe, expect, it } from 'vitest';
import { brandingCssVariables, ZBranding } from './branding.contract.js';

const svg = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`;

describe('ZBranding', () => {
  it('fills defaults', () => {
    expect(ZBranding.parse({})).toEqual({
      logoUrl: null,
      faviconUrl: null,
      colors: {},
      cornerRadius: null,
      fontStack: null,
      theme: 'auto',
      cssVariables: {},
      texts: {},
    });
  });

  it('accepts a full branding', () => {
    const branding = {
      logoUrl: svg,
      faviconUrl: '/static/favicon.png',
      colors: { primary: '#0a7', background: '#ffffff', text: '#111111' },
      cornerRadius: 4,
      fontStack: 'Inter, Segoe UI, sans-serif',
      theme: 'dark',
      cssVariables: { '--lk-color-border': 'rgb(10 20 30 / 0.5)' },
      texts: { de: { 'signIn.heading': 'Willkommen' } },
    };
    expect(ZBranding.parse(branding)).toEqual(branding);
  });

  it.each([
    ['logo on another host', { logoUrl: 'https://cdn.example.com/logo.png' }],
    ['protocol-relative logo', { logoUrl: '//cdn.example.com/logo.png' }],
    ['path escaping upwards', { faviconUrl: '/a/../../x' }],
    ['non-image data URI', { logoUrl: 'data:text/html;base64,PGI+' }],
    ['too large a logo', { logoUrl: `data:image/png;base64,${'A'.repeat(140_004)}` }],
    ['named color', { colors: { primary: 'red' } }],
    ['radius over 24', { cornerRadius: 25 }],
    ['quoted font', { fontStack: '"Inter", sans-serif' }],
    ['font closing the value', { fontStack: 'Inter; color: red' }],
    ['variable off the list', { cssVariables: { '--lk-color-bg': '#000' } }],
    ['url() in a variable', { cssVariables: { '--lk-color-border': 'url(https://x.example/a)' } }],
    ['expression in a variable', { cssVariables: { '--lk-color-border': 'expression(alert(1))' } }],
    ['brace in a variable', { cssVariables: { '--lk-color-border': '#000}' } }],
    ['semicolon in a variable', { cssVariables: { '--lk-color-border': '#000;x:y' } }],
    ['unknown text key', { texts: { en: { 'signIn.subtitle': 'x' } } }],
    ['unknown placeholder', { texts: { en: { 'signIn.subheading': 'to continue to {tenat}' } } }],
    ['placeholder of another text', { texts: { en: { 'consent.heading': 'Let {tenant} in?' } } }],
    ['bad locale', { texts: { 'not a locale': { 'signIn.heading': 'x' } } }],
  ])('rejects %s', (_name, input) => {
    expect(ZBranding.safeParse(input).success).toBe(false);
  });
});

describe('texts with values', () => {
  it('accept their own placeholders, in any order, and braces around nothing else', () => {
    const texts = {
      en: { 'signIn.subheadingWithApp': '{tenant} account for {app}', 'signIn.heading': 'Hi {there}' },
    };
    expect(ZBranding.parse({ texts }).texts).toEqual(texts);
  });

  it('name the placeholders a text may use when one is unknown', () => {
    const result = ZBranding.safeParse({ texts: { de: { 'consent.lead': '{app} möchte auf {konto}' } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['texts', 'de', 'consent.lead'],
        message: 'unknown placeholder {konto}: this text can use {app}, {tenant}',
      }),
    ]);
  });
});

describe('brandingCssVariables', () => {
  it('maps colors, radius and font to the ui tokens, custom variables last', () => {
    const vars = brandingCssVariables(
      ZBranding.parse({
        colors: { primary: '#ffcc00', background: '#000000' },
        cornerRadius: 10,
        fontStack: 'Inter, sans-serif',
        cssVariables: { '--lk-color-on-primary': '#222222' },
      }),
    );
    expect(vars).toEqual({
      '--lk-color-primary': '#ffcc00',
      '--lk-color-primary-hover': '#ffcc00',
      '--lk-color-focus-ring': '#ffcc00',
      '--lk-color-on-primary': '#222222',
      '--lk-color-bg': '#000000',
      '--lk-radius-sm': '5px',
      '--lk-radius-md': '10px',
      '--lk-radius-lg': '15px',
      '--lk-font-sans': 'Inter, sans-serif',
    });
  });

  it('picks black or white text on the primary color', () => {
    expect(
      brandingCssVariables(ZBranding.parse({ colors: { primary: '#ffcc00' } }))['--lk-color-on-primary'],
    ).toBe('#000000');
    expect(
      brandingCssVariables(ZBranding.parse({ colors: { primary: '#123' } }))['--lk-color-on-primary'],
    ).toBe('#ffffff');
  });
});
