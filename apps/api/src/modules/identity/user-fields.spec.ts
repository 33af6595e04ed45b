import { describe, expect, it } from 'vitest';
import { newUserFields, userChanges } from './user-fields.js';

const current = { emailNormalized: 'ann@example.com' };

describe('newUserFields', () => {
  it('keeps the email as typed and normalizes the unique copies', () => {
    const fields = newUserFields({ email: 'Ann.Lee@Example.COM', emailVerified: false, username: 'Ann_L' });
    expect(fields).toMatchObject({
      email: 'Ann.Lee@Example.COM',
      emailNormalized: 'ann.lee@example.com',
      username: 'Ann_L',
      usernameNormalized: 'ann_l',
      givenName: null,
      publicMetadata: {},
      status: 'active',
    });
  });
});

describe('userChanges (PATCH)', () => {
  it('changes only the fields present, and null clears', () => {
    expect(userChanges(current, { familyName: 'Lee', givenName: null })).toEqual({
      familyName: 'Lee',
      givenName: null,
    });
    expect(userChanges(current, {})).toEqual({});
  });

  it('unverifies a new email address unless told otherwise', () => {
    expect(userChanges(current, { email: 'new@example.com' })).toMatchObject({
      emailNormalized: 'new@example.com',
      emailVerified: false,
    });
    expect(userChanges(current, { email: 'new@example.com', emailVerified: true }).emailVerified).toBe(true);
  });

  it('keeps verification when the same address is re-sent in another case', () => {
    expect(userChanges(current, { email: 'ANN@example.com' })).toEqual({
      email: 'ANN@example.com',
      emailNormalized: 'ann@example.com',
    });
  });

  it('clears the username together with its normalized copy', () => {
    expect(userChanges(current, { username: null })).toEqual({ username: null, usernameNormalized: null });
  });
});
