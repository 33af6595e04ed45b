import { AppError } from '../../platform/errors/app-error.js';
import type { UniqueUserField } from './users.repository.js';

export const UsersErrorCode = {
  EmailTaken: 'email-taken',
  UsernameTaken: 'username-taken',
  UserDeleted: 'user-deleted',
} as const;

/** Unknown ids, malformed ids and other tenants' users all read the same: existence never leaks. */
export const userNotFound = () => AppError.notFound('No user with this id in this tenant.');

/**
 * Soft-deleted users keep their email and username until they are purged, so a deleted account
 * cannot be taken over by re-registering its address while its data is still retained.
 */
export const userTaken = (field: UniqueUserField) =>
  field === 'email'
    ? new AppError(UsersErrorCode.EmailTaken, 409, 'Email taken', {
        detail:
          'Another user of this tenant has this email address (compared case-insensitively; deleted users keep theirs until purged).',
        errors: [{ path: 'email', message: 'is taken by another user', code: 'taken' }],
      })
    : new AppError(UsersErrorCode.UsernameTaken, 409, 'Username taken', {
        detail:
          'Another user of this tenant has this username (compared case-insensitively; deleted users keep theirs until purged).',
        errors: [{ path: 'username', message: 'is taken by another user', code: 'taken' }],
      });

export const userDeleted = () =>
  new AppError(UsersErrorCode.UserDeleted, 409, 'User deleted', {
    detail: 'This user is deleted and can no longer be changed.',
  });
