import { z } from 'zod';
import { page, ZPageQuery, ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

export const ZUserStatus = z.enum(['active', 'suspended', 'deleted']);

/** Free-form JSON object for metadata; kept small so it can travel in tokens. */
const ZMetadata = z.record(z.string(), z.unknown()).refine((v) => JSON.stringify(v).length <= 16_384, {
  message: 'must serialize to at most 16 KiB',
});

export const ZE164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +4915112345678');
export const ZUsername = z
  .string()
  .min(2)
  .max(64)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'letters, digits, ".", "_" and "-", starting with a letter or digit',
  );
const ZLocale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as en or de-CH');
const ZZoneinfo = z.string().min(1).max(64);

export const ZUser = z.object({
  id: z.uuid(),
  email: z.string(),
  emailVerified: z.boolean(),
  username: z.string().nullable(),
  phone: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  displayName: z.string().nullable(),
  picture: z.string().nullable(),
  locale: z.string().nullable(),
  zoneinfo: z.string().nullable(),
  publicMetadata: z.record(z.string(), z.unknown()),
  privateMetadata: z.record(z.string(), z.unknown()),
  status: ZUserStatus,
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  lastSignInAt: ZTimestamp.nullable(),
});
export type TUser = z.infer<typeof ZUser>;

const profile = {
  username: ZUsername.nullable().optional(),
  phone: ZE164.nullable().optional(),
  givenName: z.string().trim().max(100).nullable().optional(),
  familyName: z.string().trim().max(100).nullable().optional(),
  displayName: z.string().trim().max(200).nullable().optional(),
  picture: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable()
    .optional(),
  locale: ZLocale.nullable().optional(),
  zoneinfo: ZZoneinfo.nullable().optional(),
  publicMetadata: ZMetadata.optional(),
  privateMetadata: ZMetadata.optional(),
};

/**
 * The floor every tenant shares; the tenant's password policy (length, strength, history) is
 * checked by the service on top, with the hosted pages' error codes (docs/passwords.md).
 */
const ZNewPassword = z.string().min(8, 'must be at least 8 characters').max(1024);

export const ZCreateUserRequest = z
  .object({
    email: z.email().max(320),
    emailVerified: z.boolean().default(false),
    /** Optional initial password (stored as argon2id, never returned); without it the user signs in otherwise. */
    password: ZNewPassword.optional(),
    ...profile,
  })
  .strict();
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .object({
    email: z.email().max(320).optional(),
    emailVerified: z.boolean().optional(),
    status: z.enum(['active', 'suspended']).optional(),
    /** Sets a new password (an administrator's reset); `null` removes it. */
    password: ZNewPassword.nullable().optional(),
    ...profile,
  })
  .strict();
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZListUsersQuery = ZPageQuery.extend({
  /** Prefix of the email, username or a name (case-insensitive). */
  q: z.string().trim().min(1).max(100).optional(),
  status: ZUserStatus.optional(),
  emailVerified: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type TListUsersQuery = z.infer<typeof ZListUsersQuery>;

export const ZUserList = page(ZUser);
export type TUserList = z.infer<typeof ZUserList>;

export const userRoutes = {
  listUsers: defineRoute({
    id: 'listUsers',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/users',
    summary: 'List and search users (newest first)',
    tag: 'Users',
    scope: 'tenant',
    query: ZListUsersQuery,
    success: { status: 200, body: ZUserList },
  }),
  createUser: defineRoute({
    id: 'createUser',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/users',
    summary: 'Create a user',
    tag: 'Users',
    scope: 'tenant',
    body: ZCreateUserRequest,
    success: { status: 201, body: ZUser },
    errors: [409],
  }),
  getUser: defineRoute({
    id: 'getUser',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/users/{userId}',
    summary: 'Get a user',
    tag: 'Users',
    scope: 'tenant',
    success: { status: 200, body: ZUser },
  }),
  updateUser: defineRoute({
    id: 'updateUser',
    method: 'PATCH',
    path: '/api/v1/tenants/{tenant}/users/{userId}',
    summary: 'Update a user',
    tag: 'Users',
    scope: 'tenant',
    body: ZUpdateUserRequest,
    success: { status: 200, body: ZUser },
    errors: [409],
  }),
  deleteUser: defineRoute({
    id: 'deleteUser',
    method: 'DELETE',
    path: '/api/v1/tenants/{tenant}/users/{userId}',
    summary:
      'Delete a user (soft delete: the account stops working, its data is kept for the retention period)',
    tag: 'Users',
    scope: 'tenant',
    success: { status: 204 },
  }),
  eraseUser: defineRoute({
    id: 'eraseUser',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/users/{userId}/erase',
    summary: 'Erase a user now (GDPR): the user and their memberships and roles are removed for good',
    tag: 'Users',
    scope: 'tenant',
    success: { status: 204 },
  }),
} as const;
