import { randomBytes } from 'node:crypto';
import Keygrip from 'keygrip';
import { describe, expect, it } from 'vitest';
import { CookieSigner } from './cookie-signer.js';

describe('CookieSigner', () => {
  it('signs exactly as Keygrip does, so existing cookies stay valid', () => {
    for (let i = 0; i < 200; i++) {
      const keys = [randomBytes(32).toString('base64url'), randomBytes(16).toString('hex')];
      const data = `_interaction=${randomBytes(1 + (i % 40)).toString('base64')}`;
      const ours = new CookieSigner(keys);
      const theirs = Keygrip(keys);
      expect(ours.sign(data)).toBe(theirs.sign(data));
      expect(ours.index(data, theirs.sign(data))).toBe(0);
      expect(theirs.index(data, ours.sign(data))).toBe(0);
    }
  });

  it('names the key that made a signature, and -1 for anything else', () => {
    const [old, current] = ['old key', 'current key'];
    const before = new CookieSigner([old]).sign('_session=abc');
    const rotated = new CookieSigner([current, old]);
    expect(rotated.index('_session=abc', rotated.sign('_session=abc'))).toBe(0);
    expect(rotated.index('_session=abc', before)).toBe(1);
    expect(rotated.verify('_session=abc', before)).toBe(true);
    expect(rotated.index('_session=abd', before)).toBe(-1);
    expect(rotated.index('_session=abc', before.slice(0, -1))).toBe(-1);
    expect(rotated.index('_session=abc', `${before}x`)).toBe(-1);
    expect(rotated.index('_session=abc', '')).toBe(-1);
  });

  it('refuses to exist without a key', () => {
    expect(() => new CookieSigner([])).toThrow(/at least one key/);
  });
});
