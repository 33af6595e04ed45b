import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { compactPhone, errorsFromApi, type TSignUpInput, validateSignUp } from './validate-sign-up';

const t = en.signUp;
const rules = { enabled: true, requiredFields: [], passwordMinLength: 12, verificationLink: true };
const blank: TSignUpInput = {
  email: '',
  password: '',
  givenName: '',
  familyName: '',
  username: '',
  phone: '',
};

describe('validateSignUp', () => {
  it('sends the trimmed fields that were filled in, and the password as typed', () => {
    const check = validateSignUp(
      { ...blank, email: ' ada@example.com ', password: ' twelve chars', givenName: ' Ada ' },
      rules,
      t,
    );
    expect(check).toEqual({
      ok: true,
      body: { email: 'ada@example.com', password: ' twelve chars', givenName: 'Ada' },
    });
  });

  it('names every problem: email, password length, required and malformed fields', () => {
    const strict = { ...rules, requiredFields: ['givenName' as const, 'username' as const] };
    const check = validateSignUp(
      { ...blank, email: 'ada@', password: 'short', phone: '0151 1234' },
      strict,
      t,
    );
    expect(check).toEqual({
      ok: false,
      errors: {
        email: t.emailInvalid,
        password: t.passwordTooShort(12),
        givenName: t.givenNameRequired,
        username: t.usernameRequired,
        phone: t.phoneInvalid,
      },
    });
  });

  it('counts characters, not UTF-16 units', () => {
    const check = validateSignUp({ ...blank, email: 'a@example.com', password: '🔑'.repeat(12) }, rules, t);
    expect(check.ok).toBe(true);
  });

  it('takes a phone number with spaces and dashes', () => {
    expect(compactPhone('+49 151 1234-5678')).toBe('+4915112345678');
    const check = validateSignUp(
      { ...blank, email: 'a@example.com', password: 'long enough!', phone: '+49 (151) 1234 5678' },
      rules,
      t,
    );
    expect(check.ok && check.body.phone).toBe('+4915112345678');
  });
});

describe('errorsFromApi', () => {
  it('maps the API paths to the fields, in the page’s words', () => {
    const errors = errorsFromApi(
      [
        { path: 'password', message: 'must be at least 12 characters' },
        { path: 'username', message: 'letters, digits…' },
        { path: '', message: 'unrecognized key' },
      ],
      rules,
      t,
    );
    expect(errors).toEqual({ password: t.passwordTooShort(12), username: t.usernameInvalid });
  });

  it('says why the API refused a password', () => {
    const weak = { path: 'password', message: 'is too easy to guess', code: 'password_too_weak' };
    expect(errorsFromApi([{ ...weak, hints: ['warnings.userInputs'] }], rules, t)).toEqual({
      password: t.passwordWeakPersonal,
    });
    expect(errorsFromApi([weak], rules, t)).toEqual({ password: t.passwordTooWeak });
  });
});
