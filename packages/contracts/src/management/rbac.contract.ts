import { z } from 'zod';
import { apiResourceRoutes, ZResourceIdentifier } from './rbac-resources.contract.js';
import { roleRoutes, ZRole } from './rbac-roles.contract.js';
import { defineRoute } from './route.js';

export * from './rbac-resources.contract.js';
export * from './rbac-roles.contract.js';

/** A user's tenant-level roles, by name (a user holds few; no paging). */
export const ZUserRoleList = z.object({ data: z.array(ZRole) });
export type TUserRoleList = z.infer<typeof ZUserRoleList>;

/** Roles to add to the user's tenant-level roles; held ones are kept (idempotent). */
export const ZAssignUserRolesRequest = z.object({ roleIds: z.array(z.uuid()).min(1).max(100) }).strict();
export type TAssignUserRolesRequest = z.infer<typeof ZAssignUserRolesRequest>;

/** Users to give the role to at tenant level, all or none. */
export const ZAssignRoleToUsersRequest = z.object({ userIds: z.array(z.uuid()).min(1).max(1000) }).strict();
export type TAssignRoleToUsersRequest = z.infer<typeof ZAssignRoleToUsersRequest>;

export const ZAssignRoleToUsersResult = z.object({
  roleId: z.uuid(),
  /** Users who did not hold the role before this request. */
  assigned: z.number().int(),
  /** Users who already held it (duplicates in the request count once). */
  unchanged: z.number().int(),
});
export type TAssignRoleToUsersResult = z.infer<typeof ZAssignRoleToUsersResult>;

export const ZUserPermissionsQuery = z.object({
  /** The API resource's identifier (the token audience). */
  resource: ZResourceIdentifier,
  /** Add the roles the user holds as a member of this organization (none when not a member). */
  organizationId: z.uuid().optional(),
});
export type TUserPermissionsQuery = z.infer<typeof ZUserPermissionsQuery>;

export const ZRoleSource = z.enum(['tenant', 'organization']);

export const ZUserPermissions = z.object({
  resource: z.string(),
  organizationId: z.uuid().nullable(),
  /** Distinct permission names on `resource`, sorted (byte order). */
  permissions: z.array(z.string()),
  /** Every role in effect here: tenant-level ones first, then the organization's; each by name. */
  roles: z.array(z.object({ id: z.uuid(), name: z.string(), source: ZRoleSource })),
});
export type TUserPermissions = z.infer<typeof ZUserPermissions>;

export const roleAssignmentRoutes = {
  listUserRoles: defineRoute({
    id: 'listUserRoles',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/users/{userId}/roles',
    summary: "List a user's tenant-level roles",
    tag: 'Roles',
    scope: 'tenant',
    success: { status: 200, body: ZUserRoleList },
  }),
  assignUserRoles: defineRoute({
    id: 'assignUserRoles',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/users/{userId}/roles',
    summary: 'Give a user tenant-level roles (idempotent; unknown ids: 400, nothing changed)',
    tag: 'Roles',
    scope: 'tenant',
    body: ZAssignUserRolesRequest,
    success: { status: 204 },
    errors: [409],
  }),
  removeUserRole: defineRoute({
    id: 'removeUserRole',
    method: 'DELETE',
    path: '/api/v1/tenants/{tenant}/users/{userId}/roles/{roleId}',
    summary: 'Take a tenant-level role from a user (idempotent)',
    tag: 'Roles',
    scope: 'tenant',
    success: { status: 204 },
  }),
  assignRoleToUsers: defineRoute({
    id: 'assignRoleToUsers',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/roles/{roleId}/users',
    summary: 'Give a role to up to 1000 users at once (all or nothing; unknown or deleted users: 400)',
    tag: 'Roles',
    scope: 'tenant',
    body: ZAssignRoleToUsersRequest,
    success: { status: 200, body: ZAssignRoleToUsersResult },
  }),
  getUserPermissions: defineRoute({
    id: 'getUserPermissions',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/users/{userId}/permissions',
    summary: "A user's effective permissions on an API resource, optionally within an organization",
    tag: 'Roles',
    scope: 'tenant',
    query: ZUserPermissionsQuery,
    success: { status: 200, body: ZUserPermissions },
  }),
} as const;

/** Every RBAC route, in document order: resources, permissions, roles, assignments. */
export const rbacRoutes = { ...apiResourceRoutes, ...roleRoutes, ...roleAssignmentRoutes } as const;
