import { describe, expect, it } from 'vitest';
import { fallbackBranding, monogram } from './tenant-branding';

describe('fallbackBranding', () => {
  it('shows the slug of a path-routed tenant', () => {
    expect(fallbackBranding({ source: 'path', slug: 'acme-corp' })).toEqual({
      displayName: 'acme-corp',
      monogram: 'AC',
    });
  });

  it('shows the host of a tenant on its own domain', () => {
    expect(fallbackBranding({ source: 'host', host: 'login.example.com' }).displayName).toBe(
      'login.example.com',
    );
  });
});

describe('monogram', () => {
  it.each([
    ['acme', 'A'],
    ['acme-corp', 'AC'],
    ['a-b-c', 'AB'],
    ['---', ''],
  ])('%s → %s', (name, expected) => {
    expect(monogram(name)).toBe(expected);
  });
});
