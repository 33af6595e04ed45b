import { z } from 'zod';
import { page, ZPageQuery, ZTimestamp } from './common.contract.js';
import { ORGANIZATION_PATH as ORG } from './organizations.contract.js';
import { defineRoute } from './route.js';

// Members and invitations of an organization (the organization itself and its domains are in
// organizations.contract.ts).

/** Role ids for organization roles: the roles must exist in the tenant (checked by the API). */
export const ZRoleIds = z
  .array(z.uuid())
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat a role' });

export const ZOrganizationMember = z.object({
  userId: z.uuid(),
  email: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  displayName: z.string().nullable(),
  /** The member's roles inside this organization. */
  roles: z.array(z.object({ id: z.uuid(), name: z.string() })),
  joinedAt: ZTimestamp,
});
export type TOrganizationMember = z.infer<typeof ZOrganizationMember>;

export const ZAddOrganizationMemberRequest = z.object({ userId: z.uuid() }).strict();
export type TAddOrganizationMemberRequest = z.infer<typeof ZAddOrganizationMemberRequest>;

/** Replaces the member's organization roles with exactly these. */
export const ZSetOrganizationMemberRolesRequest = z.object({ roleIds: ZRoleIds }).strict();
export type TSetOrganizationMemberRolesRequest = z.infer<typeof ZSetOrganizationMemberRolesRequest>;

export const ZOrganizationMemberList = page(ZOrganizationMember);
export type TOrganizationMemberList = z.infer<typeof ZOrganizationMemberList>;

/** Derived from the timestamps: accepted, else revoked, else expired, else pending. */
export const ZInvitationStatus = z.enum(['pending', 'accepted', 'expired', 'revoked']);
export type TInvitationStatus = z.infer<typeof ZInvitationStatus>;

export const ZInvitation = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  email: z.string(),
  roleIds: z.array(z.uuid()),
  status: ZInvitationStatus,
  expiresAt: ZTimestamp,
  acceptedAt: ZTimestamp.nullable(),
  acceptedUserId: z.uuid().nullable(),
  revokedAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
});
export type TInvitation = z.infer<typeof ZInvitation>;

export const ZCreateInvitationRequest = z
  .object({
    email: z.email().max(320),
    roleIds: ZRoleIds.default([]),
    /** Hours until the invitation expires: a week by default, 30 days at most. */
    expiresInHours: z.number().int().min(1).max(720).default(168),
  })
  .strict();
export type TCreateInvitationRequest = z.infer<typeof ZCreateInvitationRequest>;

/** The created invitation with its one-time token: shown once, only its hash is stored. */
export const ZCreatedInvitation = ZInvitation.extend({
  token: z.string().startsWith('lki_'),
  /** The hosted page where the invitee accepts (carries the token). */
  acceptUrl: z.url(),
});
export type TCreatedInvitation = z.infer<typeof ZCreatedInvitation>;

export const ZListInvitationsQuery = ZPageQuery.extend({ status: ZInvitationStatus.optional() });
export type TListInvitationsQuery = z.infer<typeof ZListInvitationsQuery>;

export const ZInvitationList = page(ZInvitation);
export type TInvitationList = z.infer<typeof ZInvitationList>;

export const ZAcceptInvitationRequest = z
  .object({
    token: z.string().min(1).max(200),
    /** Profile of the user to create when no user of the tenant has the invited email yet. */
    user: z
      .object({
        givenName: z.string().trim().min(1).max(100).optional(),
        familyName: z.string().trim().min(1).max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TAcceptInvitationRequest = z.infer<typeof ZAcceptInvitationRequest>;

export const ZInvitationAcceptance = z.object({
  invitation: ZInvitation,
  member: ZOrganizationMember,
  /** `true` when accepting created the user, `false` when it linked an existing one. */
  userCreated: z.boolean(),
});
export type TInvitationAcceptance = z.infer<typeof ZInvitationAcceptance>;

const common = { tag: 'Organizations', scope: 'tenant' } as const;

export const organizationMemberRoutes = {
  listOrganizationMembers: defineRoute({
    ...common,
    id: 'listOrganizationMembers',
    method: 'GET',
    path: `${ORG}/members`,
    summary: 'List members with their organization roles (oldest membership first)',
    query: ZPageQuery,
    success: { status: 200, body: ZOrganizationMemberList },
  }),
  addOrganizationMember: defineRoute({
    ...common,
    id: 'addOrganizationMember',
    method: 'POST',
    path: `${ORG}/members`,
    summary: 'Add a user of the tenant to the organization',
    body: ZAddOrganizationMemberRequest,
    success: { status: 201, body: ZOrganizationMember },
    errors: [409],
  }),
  removeOrganizationMember: defineRoute({
    ...common,
    id: 'removeOrganizationMember',
    method: 'DELETE',
    path: `${ORG}/members/{userId}`,
    summary: 'Remove a member (the user stays in the tenant)',
    success: { status: 204 },
  }),
  setOrganizationMemberRoles: defineRoute({
    ...common,
    id: 'setOrganizationMemberRoles',
    method: 'PUT',
    path: `${ORG}/members/{userId}/roles`,
    summary: "Replace a member's organization roles",
    body: ZSetOrganizationMemberRolesRequest,
    success: { status: 200, body: ZOrganizationMember },
  }),
  listOrganizationInvitations: defineRoute({
    ...common,
    id: 'listOrganizationInvitations',
    method: 'GET',
    path: `${ORG}/invitations`,
    summary: 'List invitations (newest first), optionally by status',
    query: ZListInvitationsQuery,
    success: { status: 200, body: ZInvitationList },
  }),
  createOrganizationInvitation: defineRoute({
    ...common,
    id: 'createOrganizationInvitation',
    method: 'POST',
    path: `${ORG}/invitations`,
    summary: 'Invite someone by email (the one-time token is in this response only)',
    body: ZCreateInvitationRequest,
    success: { status: 201, body: ZCreatedInvitation },
    errors: [409],
  }),
  revokeOrganizationInvitation: defineRoute({
    ...common,
    id: 'revokeOrganizationInvitation',
    method: 'DELETE',
    path: `${ORG}/invitations/{invitationId}`,
    summary: 'Revoke an invitation that was not accepted yet',
    success: { status: 204 },
    errors: [409],
  }),
  acceptInvitation: defineRoute({
    ...common,
    id: 'acceptInvitation',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/invitations/accept',
    summary: 'Accept an invitation: creates or links the user, adds the membership and the invited roles',
    body: ZAcceptInvitationRequest,
    success: { status: 200, body: ZInvitationAcceptance },
    errors: [409, 410],
  }),
} as const;
