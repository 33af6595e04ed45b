import { interactionPolicy } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import { nameOf } from './continue-session.js';
import { namesAccount, promptValuesSupported, selectAccountPrompt } from './select-account-prompt.js';

const account = { emailNormalized: 'grace@example.com', usernameNormalized: 'grace' };

describe('namesAccount', () => {
  it.each(['grace@example.com', ' Grace@Example.COM ', 'GRACE'])('%j is the account', (hint) => {
    expect(namesAccount(hint, account)).toBe(true);
  });

  it.each(['alan@example.com', 'grace@example.org', 'grac', ''])('%j is someone else', (hint) => {
    expect(namesAccount(hint, account)).toBe(false);
    expect(namesAccount(hint, { ...account, usernameNormalized: null })).toBe(false);
  });
});

describe('the select_account prompt', () => {
  const prompt = selectAccountPrompt('t1', { findActive: async () => undefined });

  it('is requestable, with only our checks (no second, stricter one of oidc-provider)', () => {
    expect(prompt.requestable).toBe(true);
    expect(prompt.checks.map((check) => check.reason)).toEqual([
      'select_account_prompt',
      'login_hint_other_account',
    ]);
    // prompt=none gets the error OpenID Connect Core names for it.
    expect(prompt.checks.every((check) => check.error === 'account_selection_required')).toBe(true);
  });

  it('is listed in prompt_values_supported with the other requestable prompts', () => {
    const policy = interactionPolicy.base();
    policy.add(prompt, 1);
    expect(promptValuesSupported(policy)).toEqual(['none', 'login', 'select_account', 'consent']);
  });
});

describe('nameOf', () => {
  const base = { displayName: null, givenName: null, familyName: null, email: 'grace@example.com' };
  it('prefers the display name, then the given and family names, then the email', () => {
    expect(nameOf({ ...base, displayName: 'Amazing Grace', givenName: 'Grace' })).toBe('Amazing Grace');
    expect(nameOf({ ...base, givenName: 'Grace', familyName: 'Hopper' })).toBe('Grace Hopper');
    expect(nameOf({ ...base, familyName: 'Hopper' })).toBe('Hopper');
    expect(nameOf({ ...base, displayName: '  ' })).toBe('grace@example.com');
  });
});
