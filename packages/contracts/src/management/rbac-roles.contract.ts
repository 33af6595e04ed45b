import { z } from 'zod';
import { page, ZPageQuery, ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

export const ZRole = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TRole = z.infer<typeof ZRole>;

/** A permission as a role holds it: named together with the API it belongs to. */
export const ZRolePermission = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  resourceId: z.uuid(),
  resourceIdentifier: z.string(),
});
export type TRolePermission = z.infer<typeof ZRolePermission>;

/** A role with its permissions, ordered by resource identifier, then permission name. */
export const ZRoleWithPermissions = ZRole.extend({ permissions: z.array(ZRolePermission) });
export type TRoleWithPermissions = z.infer<typeof ZRoleWithPermissions>;

const ZRoleName = z.string().trim().min(1).max(100);
const ZDescription = z.string().trim().max(500).nullable();

export const ZCreateRoleRequest = z
  .object({ name: ZRoleName, description: ZDescription.optional() })
  .strict();
export type TCreateRoleRequest = z.infer<typeof ZCreateRoleRequest>;

export const ZUpdateRoleRequest = z
  .object({ name: ZRoleName.optional(), description: ZDescription.optional() })
  .strict();
export type TUpdateRoleRequest = z.infer<typeof ZUpdateRoleRequest>;

export const ZListRolesQuery = ZPageQuery.extend({
  /** Name contains this (case-insensitive). */
  q: z.string().trim().min(1).max(100).optional(),
});
export type TListRolesQuery = z.infer<typeof ZListRolesQuery>;

export const ZRoleList = page(ZRole);
export type TRoleList = z.infer<typeof ZRoleList>;

/** The complete set of the role's permissions (any API resource); `[]` removes them all. */
export const ZSetRolePermissionsRequest = z.object({ permissionIds: z.array(z.uuid()).max(1000) }).strict();
export type TSetRolePermissionsRequest = z.infer<typeof ZSetRolePermissionsRequest>;

export const roleRoutes = {
  listRoles: defineRoute({
    id: 'listRoles',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/roles',
    summary: 'List and search roles (by name)',
    tag: 'Roles',
    scope: 'tenant',
    query: ZListRolesQuery,
    success: { status: 200, body: ZRoleList },
  }),
  createRole: defineRoute({
    id: 'createRole',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/roles',
    summary: 'Create a role',
    tag: 'Roles',
    scope: 'tenant',
    body: ZCreateRoleRequest,
    success: { status: 201, body: ZRole },
    errors: [409],
  }),
  getRole: defineRoute({
    id: 'getRole',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/roles/{roleId}',
    summary: 'Get a role with its permissions',
    tag: 'Roles',
    scope: 'tenant',
    success: { status: 200, body: ZRoleWithPermissions },
  }),
  updateRole: defineRoute({
    id: 'updateRole',
    method: 'PATCH',
    path: '/api/v1/tenants/{tenant}/roles/{roleId}',
    summary: 'Update a role',
    tag: 'Roles',
    scope: 'tenant',
    body: ZUpdateRoleRequest,
    success: { status: 200, body: ZRole },
    errors: [409],
  }),
  deleteRole: defineRoute({
    id: 'deleteRole',
    method: 'DELETE',
    path: '/api/v1/tenants/{tenant}/roles/{roleId}',
    summary: 'Delete a role (every user and member holding it loses it at once)',
    tag: 'Roles',
    scope: 'tenant',
    success: { status: 204 },
  }),
  setRolePermissions: defineRoute({
    id: 'setRolePermissions',
    method: 'PUT',
    path: '/api/v1/tenants/{tenant}/roles/{roleId}/permissions',
    summary: "Replace a role's permissions (unknown ids: 400, nothing changed)",
    tag: 'Roles',
    scope: 'tenant',
    body: ZSetRolePermissionsRequest,
    success: { status: 200, body: ZRoleWithPermissions },
  }),
  addRolePermission: defineRoute({
    id: 'addRolePermission',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/roles/{roleId}/permissions/{permissionId}',
    summary: 'Add one permission to a role (idempotent)',
    tag: 'Roles',
    scope: 'tenant',
    success: { status: 204 },
  }),
  removeRolePermission: defineRoute({
    id: 'removeRolePermission',
    method: 'DELETE',
    path: '/api/v1/tenants/{tenant}/roles/{roleId}/permissions/{permissionId}',
    summary: 'Remove one permission from a role (idempotent)',
    tag: 'Roles',
    scope: 'tenant',
    success: { status: 204 },
  }),
} as const;
