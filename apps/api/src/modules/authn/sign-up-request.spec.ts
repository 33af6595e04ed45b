import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { parseSignUp, parseVerifyEmail } from './sign-up-request.js';

const settings = {
  signUp: { enabled: true, requiredFields: [] as Array<'givenName' | 'familyName' | 'username' | 'phone'> },
  passwordPolicy: { minLength: 12, minStrength: 0, historySize: 0 },
};

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).errors?.map((e) => `${e.path}: ${e.message}`);
  }
  throw new Error('did not fail');
};

describe('parseSignUp', () => {
  it('accepts an email and a long enough password, trimming the email', () => {
    expect(parseSignUp({ email: ' ada@example.com ', password: 'twelve chars' }, settings)).toEqual({
      email: 'ada@example.com',
      password: 'twelve chars',
    });
  });

  it('names every failing field at once: contract, required fields and password length', () => {
    const strict = {
      ...settings,
      signUp: { enabled: true, requiredFields: ['givenName' as const, 'username' as const] },
    };
    const errors = failure(() =>
      parseSignUp({ email: 'not-an-email', password: 'short', familyName: 'Hopper' }, strict),
    );
    expect(errors?.map((e) => e.split(':')[0]).sort()).toEqual([
      'email',
      'givenName',
      'password',
      'username',
    ]);
    expect(errors).toContain('password: must be at least 12 characters');
    expect(errors).toContain('givenName: is required');
  });

  it('counts characters, not bytes, and does not trim the password', () => {
    expect(() => parseSignUp({ email: 'a@example.com', password: 'ääääääääääää' }, settings)).not.toThrow();
    expect(failure(() => parseSignUp({ email: 'a@example.com', password: '  eleven   ' }, settings))).toEqual(
      ['password: must be at least 12 characters'],
    );
  });

  it('reports a required field only once when it is also malformed', () => {
    const errors = failure(() =>
      parseSignUp(
        { email: 'a@example.com', password: 'long enough pw', phone: '0151 123' },
        { ...settings, signUp: { enabled: true, requiredFields: ['phone'] } },
      ),
    );
    expect(errors?.filter((e) => e.startsWith('phone'))).toHaveLength(1);
  });

  it('refuses fields the contract does not know', () => {
    const errors = failure(() =>
      parseSignUp({ email: 'a@example.com', password: 'long enough pw', emailVerified: true }, settings),
    );
    expect(errors?.[0]).toMatch(/^: /);
  });
});

describe('parseVerifyEmail', () => {
  it('takes exactly six digits', () => {
    expect(parseVerifyEmail({ code: ' 012345 ' })).toEqual({ code: '012345' });
    for (const code of ['12345', '1234567', 'abcdef', 123456]) {
      expect(() => parseVerifyEmail({ code })).toThrow(AppError);
    }
  });
});
