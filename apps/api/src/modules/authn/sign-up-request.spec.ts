import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { parseSignUp, parseSignUpChecked, parseVerifyEmail } from './sign-up-request.js';

const settings = {
  signUp: {
    enabled: true,
    requiredFields: [] as Array<'givenName' | 'familyName' | 'username' | 'phone'>,
    verificationLink: true,
  },
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
      signUp: {
        enabled: true,
        requiredFields: ['givenName' as const, 'username' as const],
        verificationLink: true,
      },
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
        { ...settings, signUp: { enabled: true, requiredFields: ['phone'], verificationLink: true } },
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

describe('parseSignUpChecked', () => {
  const weak = async (password: string, facts: string[]) =>
    password.includes('ada')
      ? [
          {
            path: 'password',
            message: `is too easy to guess (${facts.join(',')})`,
            code: 'password_too_weak',
          },
        ]
      : [];
  const rejection = async (run: () => Promise<unknown>) => {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).errors?.map((e) => `${e.path}: ${e.message}`);
  };

  it('adds the strength check to the other failures, judged with the facts being signed up', async () => {
    const body = { email: 'ada@example.com', password: 'ada lovelace 1815', givenName: 'Ada', phone: '0151' };
    expect(await rejection(() => parseSignUpChecked(body, settings, weak))).toEqual([
      expect.stringMatching(/^phone: /),
      'password: is too easy to guess (ada@example.com,Ada,0151)',
    ]);
  });

  it('does not judge a password that is too short already, and passes a fine one', async () => {
    const short = { email: 'ada@example.com', password: 'ada' };
    expect(await rejection(() => parseSignUpChecked(short, settings, weak))).toEqual([
      'password: must be at least 12 characters',
    ]);
    const fine = { email: 'grace@example.com', password: 'compilers all the way' };
    expect(await parseSignUpChecked(fine, settings, weak)).toEqual(fine);
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
