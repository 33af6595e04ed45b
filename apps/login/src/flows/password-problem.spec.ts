import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { passwordProblemText } from './password-problem';

const t = en.signUp;
const weak = (...hints: string[]) => ({ path: 'password', message: 'x', code: 'password_too_weak', hints });

describe('passwordProblemText', () => {
  it('says why a password is too easy to guess, by the warning zxcvbn gave', () => {
    expect(passwordProblemText(weak('warnings.userInputs', 'suggestions.anotherWord'), 12, t)).toBe(
      t.passwordWeakPersonal,
    );
    expect(passwordProblemText(weak('warnings.similarToCommon'), 12, t)).toBe(t.passwordWeakCommon);
    expect(passwordProblemText(weak('warnings.straightRow'), 12, t)).toBe(t.passwordWeakPattern);
    expect(passwordProblemText(weak('warnings.recentYears'), 12, t)).toBe(t.passwordWeakDate);
    expect(passwordProblemText(weak('warnings.commonNames'), 12, t)).toBe(t.passwordWeakWord);
  });

  it('falls back to the general advice without a warning we have words for', () => {
    expect(passwordProblemText(weak('suggestions.anotherWord'), 12, t)).toBe(t.passwordTooWeak);
    expect(passwordProblemText(weak('warnings.somethingNew'), 12, t)).toBe(t.passwordTooWeak);
    expect(passwordProblemText({ path: 'password', message: 'x', code: 'password_too_weak' }, 12, t)).toBe(
      t.passwordTooWeak,
    );
  });

  it('tells a reused password and, for anything else, the length rule', () => {
    expect(passwordProblemText({ path: 'password', message: 'x', code: 'password_reused' }, 12, t)).toBe(
      t.passwordReused,
    );
    expect(passwordProblemText({ path: 'password', message: 'x', code: 'too_small' }, 14, t)).toBe(
      t.passwordTooShort(14),
    );
    expect(passwordProblemText(undefined, 12, t)).toBe(t.passwordTooShort(12));
  });
});
