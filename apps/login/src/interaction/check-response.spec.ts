import type { TInteractionDetails } from '@latchkey/contracts';
import { describe, expect, it } from 'vitest';
import { checkDetails, checkNextStep, checkRedirect } from './check-response';

const details: TInteractionDetails = {
  uid: 'abc',
  prompt: { name: 'consent', reasons: ['op_scopes_missing'], missingScopes: ['openid', 'email'] },
  client: { clientId: 'c1', name: 'Partner app', firstParty: false },
  tenant: { slug: 'acme', displayName: 'Acme' },
  params: { loginHint: 'ada@example.com', scope: 'openid email' },
  organizations: { required: true, choices: [{ id: 'o1', name: 'Acme', slug: 'acme' }] },
  session: { accountId: 'u1' },
  signUp: { enabled: true, requiredFields: ['givenName'], passwordMinLength: 12, verificationLink: true },
  verification: {
    email: 'g•••e@example.com',
    expiresAt: '2030-01-01T00:10:00.000Z',
    resendAvailableAt: '2030-01-01T00:00:30.000Z',
  },
  passwordless: { emailCode: true },
  csrfToken: 'token',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

describe('checkDetails', () => {
  it('accepts what the API sends', () => {
    expect(checkDetails(details)).toBe(details);
    const { organizations: _o, session: _s, verification: _v, ...minimal } = details;
    expect(checkDetails({ ...minimal, prompt: { name: 'login', reasons: [] }, params: {} })).not.toBeNull();
  });

  it('accepts the select_account step with whose session it is', () => {
    const selectAccount = {
      ...details,
      prompt: { name: 'select_account', reasons: ['select_account_prompt'] },
      session: { accountId: 'u1', name: 'Grace Hopper', email: 'grace@example.com' },
    };
    expect(checkDetails(selectAccount)).toBe(selectAccount);
  });

  it.each([
    ['not an object', null],
    ['an unknown step', { ...details, prompt: { name: 'mfa', reasons: [] } }],
    ['no CSRF token', { ...details, csrfToken: undefined }],
    ['no client', { ...details, client: undefined }],
    ['a malformed organization', { ...details, organizations: { required: true, choices: [{ id: 1 }] } }],
    ['a malformed login hint', { ...details, params: { loginHint: 42 } }],
    ['no sign-up rules', { ...details, signUp: undefined }],
    ['malformed required fields', { ...details, signUp: { ...details.signUp, requiredFields: [1] } }],
    ['a verification without times', { ...details, verification: { email: 'a•••@b.c' } }],
    ['a session without its account', { ...details, session: { email: 'a@b.c' } }],
    ['a session with a malformed email', { ...details, session: { accountId: 'u1', email: 7 } }],
  ])('rejects %s', (_, body) => {
    expect(checkDetails(body)).toBeNull();
  });
});

describe('checkRedirect', () => {
  const page = 'https://id.acme.com/login/?uid=abc';

  it.each(['https://id.acme.com/oauth2/authorize/abc', '/t/acme/oauth2/authorize/abc'])(
    'accepts %s',
    (redirectTo) => {
      expect(checkRedirect({ redirectTo }, page)).toEqual({ redirectTo });
    },
  );

  it.each([
    {},
    { redirectTo: 42 },
    { redirectTo: 'javascript:alert(1)' },
    { redirectTo: 'data:text/html,x' },
  ])('rejects %j', (body) => {
    expect(checkRedirect(body, page)).toBeNull();
  });
});

describe('checkNextStep', () => {
  it('accepts the code step and nothing else', () => {
    expect(checkNextStep({ next: 'verify-email' })).toEqual({ next: 'verify-email' });
    // After "Use another account": the step is the sign-in now.
    expect(checkNextStep({ next: 'sign-in' })).toEqual({ next: 'sign-in' });
    expect(checkNextStep({ next: 'mfa' })).toBeNull();
    expect(checkNextStep({ redirectTo: '/x' })).toBeNull();
  });
});
