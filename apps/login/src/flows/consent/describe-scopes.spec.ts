import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { describeScopes } from './describe-scopes';

describe('describeScopes', () => {
  it('words the standard scopes, identity first', () => {
    const lines = describeScopes(
      { name: 'consent', reasons: [], missingScopes: ['email', 'openid', 'profile', 'email'] },
      en.consent,
    );
    expect(lines.map((l) => l.text)).toEqual([
      en.consent.scopes.openid,
      en.consent.scopes.email,
      en.consent.scopes.profile,
    ]);
  });

  it('names other scopes and the permissions of each API', () => {
    const lines = describeScopes(
      {
        name: 'consent',
        reasons: [],
        missingScopes: ['billing'],
        missingResourceScopes: { 'https://api.example.com/invoices': ['read:invoices', 'write:invoices'] },
      },
      en.consent,
    );
    expect(lines.map((l) => l.text)).toEqual([
      'Use the “billing” permission',
      'Use the “read:invoices” permission of https://api.example.com/invoices',
      'Use the “write:invoices” permission of https://api.example.com/invoices',
    ]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(lines.length);
  });

  it('lists nothing when nothing is missing', () => {
    expect(describeScopes({ name: 'consent', reasons: [] }, en.consent)).toEqual([]);
  });
});
