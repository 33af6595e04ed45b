import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { newClientId, newClientSecret, openClientSecret } from './application-credentials.js';

const box = new SecretBox(randomBytes(32));
const TENANT = '00000000-0000-4000-8000-000000000001';

describe('client credentials', () => {
  it('client ids are 24 base62 characters and do not repeat', () => {
    const ids = new Set(Array.from({ length: 500 }, newClientId));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{24}$/);
  });

  it('a secret has 256 bits, is sealed to its row, and its hint is its last four characters', () => {
    const created = newClientSecret(box, TENANT);
    expect(created.secret).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(created.hint).toBe(created.secret.slice(-4));
    expect(created.sealed).not.toContain(created.secret);
    expect(openClientSecret(box, TENANT, { id: created.id, secretSealed: created.sealed })).toBe(
      created.secret,
    );
    const other = newClientSecret(box, TENANT);
    // Copied into another row (or tenant), the sealed value does not open.
    expect(() => openClientSecret(box, TENANT, { id: other.id, secretSealed: created.sealed })).toThrow();
    expect(() =>
      openClientSecret(box, '00000000-0000-4000-8000-000000000002', {
        id: created.id,
        secretSealed: created.sealed,
      }),
    ).toThrow();
  });
});
