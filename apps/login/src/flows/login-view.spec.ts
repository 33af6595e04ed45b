import { describe, expect, it } from 'vitest';
import { isResetPage, isVerifyLinkPage, viewOf, viewPath } from './login-view';

describe('the pages of mailed links', () => {
  it('are told apart by their path, with or without a tenant prefix', () => {
    expect(isVerifyLinkPage('/t/acme/login/verify-email')).toBe(true);
    expect(isVerifyLinkPage('/login/verify-email')).toBe(true);
    expect(isVerifyLinkPage('/t/acme/login/reset')).toBe(false);
    expect(isVerifyLinkPage('/t/verify-email/login/')).toBe(false);
    expect(isResetPage('/t/acme/login/verify-email')).toBe(false);
  });
});

describe('viewOf', () => {
  it.each([
    ['/t/acme/login/', 'default'],
    ['/t/acme/login', 'default'],
    ['/t/acme/login/sign-up', 'sign-up'],
    ['/t/acme/login/sign-in/', 'sign-in'],
    ['/login/sign-up', 'sign-up'],
    ['/t/login/login/sign-up', 'sign-up'],
    ['/t/acme/login/elsewhere', 'default'],
  ])('%s → %s', (pathname, view) => {
    expect(viewOf(pathname)).toBe(view);
  });
});

describe('viewPath', () => {
  it.each([
    ['/t/acme/login/', 'sign-up', '/t/acme/login/sign-up'],
    ['/t/acme/login/sign-up', 'default', '/t/acme/login/'],
    ['/t/acme/login/sign-up', 'sign-in', '/t/acme/login/sign-in'],
    ['/login/', 'sign-up', '/login/sign-up'],
    ['/t/login/login/sign-in', 'default', '/t/login/login/'],
  ] as const)('%s + %s → %s', (pathname, view, path) => {
    expect(viewPath(pathname, view)).toBe(path);
  });
});
