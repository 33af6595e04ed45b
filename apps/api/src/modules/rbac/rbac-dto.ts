import type {
  TAccessTokenFormat,
  TApiResource,
  TPermission,
  TRole,
  TRolePermission,
} from '@latchkey/contracts';
import type { ApiResource, Permission, Role } from '../../generated/prisma/client.js';

// The API's views of RBAC rows: never the tenant id.

export const toApiResource = (row: ApiResource): TApiResource => ({
  id: row.id,
  identifier: row.identifier,
  name: row.name,
  accessTokenFormat: accessTokenFormatOf(row),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** The column's CHECK allows only these two. */
export const accessTokenFormatOf = (row: Pick<ApiResource, 'accessTokenFormat'>): TAccessTokenFormat =>
  row.accessTokenFormat === 'opaque' ? 'opaque' : 'jwt';

export const toPermission = (row: Permission): TPermission => ({
  id: row.id,
  resourceId: row.resourceId,
  name: row.name,
  description: row.description,
  createdAt: row.createdAt.toISOString(),
});

export const toRole = (row: Role): TRole => ({
  id: row.id,
  name: row.name,
  description: row.description,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const toRolePermission = (row: Permission & { resource: ApiResource }): TRolePermission => ({
  id: row.id,
  name: row.name,
  description: row.description,
  resourceId: row.resourceId,
  resourceIdentifier: row.resource.identifier,
});
