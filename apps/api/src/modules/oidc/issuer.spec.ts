import { describe, expect, it } from 'vitest';
import { issuerFor } from './issuer.js';

describe('issuerFor', () => {
  const publicUrl = 'https://auth.example.com';

  it('is PUBLIC_URL/t/{slug} on the path prefix, whatever the Host header', () => {
    const address = {
      unverifiedTenant: 'acme',
      via: 'path' as const,
      rest: '/oauth2/token',
      basePath: '/t/acme',
    };
    expect(issuerFor(address, 'acme', publicUrl, 'evil.example.org')).toBe('https://auth.example.com/t/acme');
  });

  it("is the matched host's origin, with PUBLIC_URL's scheme, on a subdomain or custom domain", () => {
    const address = { unverifiedTenant: 'acme', via: 'custom-domain' as const, rest: '/', basePath: '' };
    expect(issuerFor(address, 'acme', publicUrl, 'Login.Acme.COM')).toBe('https://login.acme.com');
    expect(issuerFor(address, 'acme', publicUrl, 'acme.example.com:8443')).toBe(
      'https://acme.example.com:8443',
    );
  });

  it('refuses a Host header that is not a plain host[:port]', () => {
    const address = { unverifiedTenant: 'acme', via: 'subdomain' as const, rest: '/', basePath: '' };
    for (const host of ['acme.example.com:80@evil', 'acme.example.com/x', 'acme.example.com:abc', 'a b']) {
      expect(() => issuerFor(address, 'acme', publicUrl, host)).toThrow();
    }
  });
});
