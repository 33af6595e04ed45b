import { describe, expect, it } from 'vitest';
import { sessionTtl } from './tenant-provider.js';

describe('sessionTtl', () => {
  const sessions = { idleTimeoutMinutes: 60, absoluteTimeoutMinutes: 24 * 60 };
  const now = 1_800_000_000;

  it('is the idle timeout for a fresh or recent sign-in', () => {
    expect(sessionTtl(sessions, undefined, now)).toBe(3600);
    expect(sessionTtl(sessions, now - 60, now)).toBe(3600);
  });

  it('never runs past the absolute timeout counted from sign-in', () => {
    expect(sessionTtl(sessions, now - (24 * 3600 - 600), now)).toBe(600);
    expect(sessionTtl(sessions, now - 48 * 3600, now)).toBe(1);
  });
});
