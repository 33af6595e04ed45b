import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { validateSignIn } from './validate-sign-in';

describe('validateSignIn', () => {
  it('trims the identifier and keeps the password as typed', () => {
    expect(validateSignIn({ identifier: '  ada@example.com ', password: ' secret ' }, en.signIn)).toEqual({
      ok: true,
      identifier: 'ada@example.com',
      password: ' secret ',
    });
  });

  it.each(['', '   ', '\t\n'])('asks for an identifier when given %j', (identifier) => {
    expect(validateSignIn({ identifier, password: 'x' }, en.signIn)).toEqual({
      ok: false,
      errors: { identifier: en.signIn.identifierRequired },
    });
  });

  it('asks for both when both are empty', () => {
    expect(validateSignIn({ identifier: '', password: '' }, en.signIn)).toEqual({
      ok: false,
      errors: { identifier: en.signIn.identifierRequired, password: en.signIn.passwordRequired },
    });
  });
});
