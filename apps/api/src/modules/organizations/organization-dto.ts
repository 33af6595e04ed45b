import {
  type TInvitation,
  type TInvitationStatus,
  type TOrganization,
  type TOrganizationDomain,
  type TOrganizationMember,
  type TSignInMethod,
  ZSignInMethod,
} from '@latchkey/contracts';
import { challengeRecordName } from '../../platform/dns/txt-challenge.js';
import type { DomainRow } from './domains.repository.js';
import type { InvitationRow } from './invitations.repository.js';
import type { MemberRow } from './memberships.repository.js';
import type { OrganizationRow } from './organizations.repository.js';

export function toOrganization(row: OrganizationRow): TOrganization {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    metadata: asObject(row.metadata),
    allowedSignInMethods: row.allowedSignInMethods.filter(isSignInMethod),
    mfaRequired: row.mfaRequired,
    jitProvisioning: row.jitProvisioning,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDomain(row: DomainRow): TOrganizationDomain {
  return {
    id: row.id,
    organizationId: row.organizationId,
    domain: row.domain,
    verified: row.verifiedAt !== null,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    verification: { type: 'TXT', name: challengeRecordName(row.domain), value: row.verificationToken },
    createdAt: row.createdAt.toISOString(),
  };
}

export function toMember(row: MemberRow): TOrganizationMember {
  return {
    userId: row.userId,
    email: row.user.email,
    givenName: row.user.givenName,
    familyName: row.user.familyName,
    displayName: row.user.displayName,
    roles: row.roles.map(({ role }) => role),
    joinedAt: row.createdAt.toISOString(),
  };
}

/** Accepted wins over everything, then revoked, then expired (the SQL twin: invitations.repository.ts). */
export function invitationStatus(row: InvitationRow, now: Date): TInvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

export function toInvitation(row: InvitationRow, now = new Date()): TInvitation {
  return {
    id: row.id,
    organizationId: row.organizationId,
    email: row.email,
    roleIds: row.roleIds,
    status: invitationStatus(row, now),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    acceptedUserId: row.acceptedUserId,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The column is text[]; only contract values are ever written, anything else is not shown. */
const isSignInMethod = (value: string): value is TSignInMethod => ZSignInMethod.safeParse(value).success;

/** The column defaults to `{}` and only objects are ever written; anything else reads as empty. */
function asObject(value: OrganizationRow['metadata']): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
