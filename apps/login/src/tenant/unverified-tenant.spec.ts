import { describe, expect, it } from 'vitest';
import { parseUnverifiedTenant } from './unverified-tenant';

describe('parseUnverifiedTenant', () => {
  it.each([
    ['/t/acme/login/', 'acme'],
    ['/t/acme/login', 'acme'],
    ['/t/acme-corp/login/sign-in', 'acme-corp'],
    ['/t/a1/login/consent?x=1', 'a1'],
    ['/t/%61cme/login/', 'acme'],
  ])('reads the slug from %s', (pathname, slug) => {
    expect(parseUnverifiedTenant(pathname, 'localhost')).toEqual({ source: 'path', slug });
  });

  it('takes the host as the tenant on a subdomain or custom domain', () => {
    expect(parseUnverifiedTenant('/login/', 'id.acme.com')).toEqual({ source: 'host', host: 'id.acme.com' });
  });

  it.each([
    '/',
    '/login-help',
    '/t//login/',
    '/t/acme/',
    '/t/acme/loginx',
    '/console/',
    '/t/ACME/login/',
    '/t/-acme/login/',
    '/t/acme-/login/',
    '/t/ac%2Fme/login/',
    '/t/%E0%A4%A/login/',
    `/t/${'a'.repeat(64)}/login/`,
  ])('finds no tenant in %s', (pathname) => {
    expect(parseUnverifiedTenant(pathname, 'localhost')).toBeNull();
  });
});
