import type { TProblemFieldError } from '@latchkey/contracts';
import { AppError } from '../../platform/errors/app-error.js';

export const RbacErrorCode = {
  ApiResourceIdentifierTaken: 'api-resource-identifier-taken',
  PermissionNameTaken: 'permission-name-taken',
  RoleNameTaken: 'role-name-taken',
  /** Same code as the identity module's: a deleted user can no longer be changed. */
  UserDeleted: 'user-deleted',
} as const;

// Unknown ids, malformed ids and other tenants' records all read the same: existence never leaks.
export const apiResourceNotFound = () => AppError.notFound('No API resource with this id in this tenant.');
export const resourceIdentifierNotFound = () =>
  AppError.notFound('No API resource with this identifier in this tenant.');
export const permissionNotFound = () => AppError.notFound('No permission with this id in this tenant.');
export const roleNotFound = () => AppError.notFound('No role with this id in this tenant.');
export const userNotFound = () => AppError.notFound('No user with this id in this tenant.');

export const identifierTaken = () =>
  new AppError(RbacErrorCode.ApiResourceIdentifierTaken, 409, 'API resource identifier taken', {
    detail: 'Another API resource of this tenant has this identifier.',
    errors: [{ path: 'identifier', message: 'is taken by another API resource', code: 'taken' }],
  });

export const permissionNameTaken = () =>
  new AppError(RbacErrorCode.PermissionNameTaken, 409, 'Permission name taken', {
    detail: 'This API resource already has a permission with this name.',
    errors: [{ path: 'name', message: 'is taken by another permission of this API resource', code: 'taken' }],
  });

export const roleNameTaken = () =>
  new AppError(RbacErrorCode.RoleNameTaken, 409, 'Role name taken', {
    detail: 'Another role of this tenant has this name.',
    errors: [{ path: 'name', message: 'is taken by another role', code: 'taken' }],
  });

export const userDeleted = () =>
  new AppError(RbacErrorCode.UserDeleted, 409, 'User deleted', {
    detail: 'This user is deleted and can no longer be given roles.',
  });

/** An id in a request list that names nothing assignable; `path` is e.g. `userIds[3]`. */
export interface RejectedId {
  path: string;
  reason: 'unknown' | 'deleted';
}

/**
 * All-or-nothing lists: one 400 naming every rejected entry, so a client fixes them in one go. The
 * wording and code of an unknown id match the organizations module's check of role ids.
 */
export function rejectedIds(rejected: RejectedId[], what: string): AppError {
  const errors: TProblemFieldError[] = rejected.map(({ path, reason }) =>
    reason === 'deleted'
      ? { path, message: `is a deleted ${what}`, code: 'deleted' }
      : { path, message: `is not a ${what} of this tenant`, code: 'not_found' },
  );
  return AppError.validation(
    errors,
    `Some ${what} ids name nothing that can be assigned; nothing was changed.`,
  );
}
