import { describe, expect, it } from 'vitest';
import type { InvitationRow } from './invitations.repository.js';
import { invitationStatus } from './organization-dto.js';

const now = new Date('2026-06-01T12:00:00Z');
const invitation = (fields: Partial<InvitationRow>): InvitationRow => ({
  tenantId: 't',
  id: 'i',
  organizationId: 'o',
  email: 'a@example.com',
  emailNormalized: 'a@example.com',
  roleIds: [],
  tokenHash: 'h',
  expiresAt: new Date('2026-06-02T12:00:00Z'),
  acceptedAt: null,
  acceptedUserId: null,
  revokedAt: null,
  createdAt: new Date('2026-05-30T12:00:00Z'),
  ...fields,
});

describe('invitationStatus', () => {
  it('is pending until it expires, and expired from the expiry instant on', () => {
    expect(invitationStatus(invitation({}), now)).toBe('pending');
    expect(invitationStatus(invitation({ expiresAt: now }), now)).toBe('expired');
  });

  it('prefers accepted over everything, then revoked over expired', () => {
    const past = new Date('2026-05-31T12:00:00Z');
    expect(invitationStatus(invitation({ acceptedAt: past, expiresAt: past }), now)).toBe('accepted');
    expect(invitationStatus(invitation({ revokedAt: past, expiresAt: past }), now)).toBe('revoked');
  });
});
