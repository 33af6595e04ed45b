import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { validateIdentifier } from './validate-identifier';

describe('validateIdentifier', () => {
  it('trims what was typed', () => {
    expect(validateIdentifier('  ada@example.com ', en.signIn)).toEqual({
      ok: true,
      identifier: 'ada@example.com',
    });
  });

  it.each(['', '   ', '\t\n'])('asks for an identifier when given %j', (raw) => {
    expect(validateIdentifier(raw, en.signIn)).toEqual({ ok: false, error: en.signIn.identifierRequired });
  });
});
