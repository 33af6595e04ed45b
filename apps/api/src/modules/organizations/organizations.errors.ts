import type { TProblemFieldError } from '@latchkey/contracts';
import { AppError } from '../../platform/errors/app-error.js';

export const OrganizationsErrorCode = {
  SlugTaken: 'organization-slug-taken',
  DomainTaken: 'organization-domain-taken',
  AlreadyMember: 'already-member',
  InvitationNotFound: 'invitation-not-found',
  InvitationUsed: 'invitation-used',
  InvitationRevoked: 'invitation-revoked',
  InvitationExpired: 'invitation-expired',
  InviteeDeleted: 'user-deleted',
} as const;

// Unknown ids, malformed ids and other tenants' records all read the same: existence never leaks.
export const organizationNotFound = () => AppError.notFound('No organization with this id in this tenant.');
export const domainNotFound = () => AppError.notFound('No domain with this id in this organization.');
export const memberNotFound = () => AppError.notFound('This user is not a member of this organization.');
export const invitationNotFound = () => AppError.notFound('No invitation with this id in this organization.');

export const slugTaken = (slug: string) =>
  new AppError(OrganizationsErrorCode.SlugTaken, 409, 'Slug taken', {
    detail: `Another organization of this tenant has the slug "${slug}".`,
    errors: [{ path: 'slug', message: 'is taken by another organization', code: 'taken' }],
  });

/** One organization per domain in a tenant: otherwise two could claim the same people. */
export const domainTaken = (domain: string) =>
  new AppError(OrganizationsErrorCode.DomainTaken, 409, 'Domain taken', {
    detail: `The domain ${domain} is already claimed by an organization of this tenant.`,
    errors: [{ path: 'domain', message: 'is claimed by an organization of this tenant', code: 'taken' }],
  });

export const alreadyMember = () =>
  new AppError(OrganizationsErrorCode.AlreadyMember, 409, 'Already a member', {
    detail: 'This user is already a member of this organization.',
  });

/** The invited address belongs to a member already: an invitation would add nothing. */
export const inviteeAlreadyMember = () =>
  new AppError(OrganizationsErrorCode.AlreadyMember, 409, 'Already a member', {
    detail: 'The user with this email address is already a member of this organization.',
    errors: [{ path: 'email', message: 'belongs to a member already', code: 'taken' }],
  });

/** References in a body (user ids, role ids) that name nothing in the tenant: a 400 on their paths. */
export const unknownReferences = (errors: TProblemFieldError[]) =>
  AppError.validation(errors, 'The request names records that do not exist in this tenant.');

export const invitationTokenUnknown = () =>
  new AppError(OrganizationsErrorCode.InvitationNotFound, 404, 'Invitation not found', {
    detail: 'No invitation of this tenant has this token.',
  });

export const invitationUsed = () =>
  new AppError(OrganizationsErrorCode.InvitationUsed, 409, 'Invitation used', {
    detail: 'This invitation was accepted already; each invitation can be accepted once.',
  });

export const invitationRevoked = () =>
  new AppError(OrganizationsErrorCode.InvitationRevoked, 409, 'Invitation revoked', {
    detail: 'This invitation was revoked. Ask for a new one.',
  });

export const invitationExpired = () =>
  new AppError(OrganizationsErrorCode.InvitationExpired, 410, 'Invitation expired', {
    detail: 'This invitation has expired. Ask for a new one.',
  });

/** A deleted user keeps its email until purged, so the invitation can neither link nor create one. */
export const inviteeDeleted = () =>
  new AppError(OrganizationsErrorCode.InviteeDeleted, 409, 'User deleted', {
    detail: 'The user with the invited email address is deleted and cannot join an organization.',
  });
