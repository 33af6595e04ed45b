import { describe, expect, it } from 'vitest';
import { tenantAddress } from './tenant-address.js';

describe('tenantAddress', () => {
  it('reads the path prefix', () => {
    expect(tenantAddress('localhost', '/t/acme/login/', undefined)).toEqual({
      unverifiedTenant: 'acme',
      via: 'path',
      rest: '/login/',
      basePath: '/t/acme',
    });
    expect(tenantAddress('localhost', '/t/acme', undefined)?.rest).toBe('');
    expect(tenantAddress('localhost', '/console/', undefined)).toBeUndefined();
  });

  it('reads a subdomain of TENANT_DOMAIN, where the path needs no prefix', () => {
    expect(tenantAddress('Acme.Localhost', '/login/', 'localhost')).toEqual({
      unverifiedTenant: 'acme',
      via: 'subdomain',
      rest: '/login/',
      basePath: '',
    });
    expect(
      tenantAddress('acme.auth.example.com', '/t/other/login/', 'auth.example.com')?.unverifiedTenant,
    ).toBe('acme');
  });

  it('ignores deeper or malformed subdomains and the bare domain', () => {
    expect(tenantAddress('a.b.localhost', '/login/', 'localhost')).toBeUndefined();
    expect(tenantAddress('-x.localhost', '/login/', 'localhost')).toBeUndefined();
    expect(tenantAddress('localhost', '/login/', 'localhost')).toBeUndefined();
    expect(tenantAddress('evil-localhost', '/login/', 'localhost')).toBeUndefined();
  });
});
