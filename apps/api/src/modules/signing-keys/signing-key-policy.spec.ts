import { describe, expect, it } from 'vitest';
import {
  byStatus,
  type KeyTimeline,
  providerOrder,
  RETIRED_KEY_RETENTION_MS,
  retiredKeyExpiry,
  rotationDue,
} from './signing-key-policy.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * 3600_000);

const key = (id: string, fields: Partial<KeyTimeline> & Pick<KeyTimeline, 'status'>) => ({
  id,
  createdAt: at(-1000),
  activatedAt: null,
  retiredAt: null,
  expiresAt: null,
  ...fields,
});

describe('providerOrder', () => {
  const keys = [
    key('retired-old', { status: 'retired', retiredAt: at(-20), expiresAt: at(4) }),
    key('next', { status: 'next', createdAt: at(-2) }),
    key('retired-expired', { status: 'retired', retiredAt: at(-30), expiresAt: at(-1) }),
    key('active', { status: 'active', activatedAt: at(-2) }),
    key('retired-recent', { status: 'retired', retiredAt: at(-2), expiresAt: at(22) }),
  ];

  it('puts the active key first (it signs), then next, then unexpired retired keys, newest first', () => {
    expect(providerOrder(keys, NOW).map((k) => k.id)).toEqual([
      'active',
      'next',
      'retired-recent',
      'retired-old',
    ]);
  });

  it('drops a retired key the moment it expires, and one without an expiry', () => {
    expect(providerOrder(keys, at(4)).map((k) => k.id)).toEqual(['active', 'next', 'retired-recent']);
    expect(providerOrder([key('odd', { status: 'retired', retiredAt: at(-1) })], NOW)).toEqual([]);
  });

  it('lists every key, expired ones included, in the same order', () => {
    expect(byStatus(keys).map((k) => k.id)).toEqual([
      'active',
      'next',
      'retired-recent',
      'retired-old',
      'retired-expired',
    ]);
  });
});

describe('rotationDue', () => {
  it('counts from activation (creation for a key never activated), in whole periods', () => {
    const active = key('a', { status: 'active', activatedAt: at(-90 * 24), createdAt: at(-200 * 24) });
    expect(rotationDue(active, 90, NOW)).toBe(true);
    expect(rotationDue(active, 91, NOW)).toBe(false);
    expect(rotationDue(key('b', { status: 'active', createdAt: at(-24) }), 1, NOW)).toBe(true);
    expect(rotationDue(key('c', { status: 'active', createdAt: at(-23) }), 1, NOW)).toBe(false);
  });
});

describe('retention of retired keys', () => {
  it('outlives the longest signed token (24 h) by the clock skew (5 min)', () => {
    expect(RETIRED_KEY_RETENTION_MS).toBe((24 * 3600 + 300) * 1000);
    expect(retiredKeyExpiry(NOW).toISOString()).toBe('2026-12-02T12:05:00.000Z');
  });
});
