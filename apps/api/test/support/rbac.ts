import {
  type TApiResource,
  type TPermission,
  type TRole,
  type TRoleWithPermissions,
  type TUserPermissions,
  ZApiResource,
  ZPermission,
  ZRole,
  ZRoleWithPermissions,
  ZUser,
  ZUserPermissions,
} from '@latchkey/contracts';
import { expect } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { ApiResponse, ManagementClient, ManagementFixture } from './management.js';

const ok = (res: ApiResponse, status: number): unknown => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};

/** The RBAC API of a new tenant, with helpers that assert success and parse the contract's shapes. */
export async function rbacOfNewTenant(fixture: ManagementFixture, slug: string) {
  const { id: tenantId, client } = await fixture.tenantWithClient(slug);
  const base = `/api/v1/tenants/${slug}`;
  const api = {
    tenantId,
    client,
    base,
    request: (method: string, path: string, body?: unknown) => client.request(method, `${base}${path}`, body),
    createUser: async (email: string): Promise<string> =>
      ZUser.parse(ok(await api.request('POST', '/users', { email }), 201)).id,
    createResource: async (identifier: string, name = identifier): Promise<TApiResource> =>
      ZApiResource.parse(ok(await api.request('POST', '/api-resources', { identifier, name }), 201)),
    createPermission: async (resourceId: string, name: string): Promise<TPermission> =>
      ZPermission.parse(
        ok(await api.request('POST', `/api-resources/${resourceId}/permissions`, { name }), 201),
      ),
    createRole: async (name: string, permissionIds: string[] = []): Promise<TRole> => {
      const role = ZRole.parse(ok(await api.request('POST', '/roles', { name }), 201));
      if (permissionIds.length > 0) await api.setPermissions(role.id, permissionIds);
      return role;
    },
    getRole: async (roleId: string): Promise<TRoleWithPermissions> =>
      ZRoleWithPermissions.parse(ok(await api.request('GET', `/roles/${roleId}`), 200)),
    setPermissions: async (roleId: string, permissionIds: string[]): Promise<TRoleWithPermissions> =>
      ZRoleWithPermissions.parse(
        ok(await api.request('PUT', `/roles/${roleId}/permissions`, { permissionIds }), 200),
      ),
    assignRoles: async (userId: string, roleIds: string[]): Promise<void> => {
      ok(await api.request('POST', `/users/${userId}/roles`, { roleIds }), 204);
    },
    /** Effective permissions of `userId` on `resource`, optionally within an organization. */
    effective: async (
      userId: string,
      resource: string,
      organizationId?: string,
    ): Promise<TUserPermissions> => {
      const query = new URLSearchParams({ resource, ...(organizationId ? { organizationId } : {}) });
      return ZUserPermissions.parse(
        ok(await api.request('GET', `/users/${userId}/permissions?${query}`), 200),
      );
    },
  };
  return api;
}

export type RbacTenant = Awaited<ReturnType<typeof rbacOfNewTenant>>;
export type { ManagementClient };

/**
 * Rows written straight to the test database (as its owner, past row-level security): organization
 * roles are assigned through the organizations module, and these suites test RBAC's reading of them,
 * not that API; bulk users are faster to insert than to create one request at a time.
 */
export const directWrites = (prisma: PrismaClient, tenantId: string) => ({
  createOrganization: async (slug: string): Promise<string> =>
    (await prisma.organization.create({ data: { tenantId, name: slug, slug } })).id,
  addMember: async (organizationId: string, userId: string, roleIds: string[] = []): Promise<void> => {
    await prisma.membership.create({ data: { tenantId, organizationId, userId } });
    await prisma.membershipRole.createMany({
      data: roleIds.map((roleId) => ({ tenantId, organizationId, userId, roleId })),
    });
  },
  setMemberRoles: async (organizationId: string, userId: string, roleIds: string[]): Promise<void> => {
    await prisma.$transaction([
      prisma.membershipRole.deleteMany({ where: { tenantId, organizationId, userId } }),
      prisma.membershipRole.createMany({
        data: roleIds.map((roleId) => ({ tenantId, organizationId, userId, roleId })),
      }),
    ]);
  },
  removeMember: async (organizationId: string, userId: string): Promise<void> => {
    await prisma.membership.delete({
      where: { tenantId_organizationId_userId: { tenantId, organizationId, userId } },
    });
  },
  /** `count` users inserted in one statement (faster than the API for bulk tests); their ids. */
  insertUsers: async (prefix: string, count: number): Promise<string[]> => {
    const rows = await prisma.user.createManyAndReturn({
      data: Array.from({ length: count }, (_, i) => ({
        tenantId,
        email: `${prefix}-${i}@example.com`,
        emailNormalized: `${prefix}-${i}@example.com`,
      })),
      select: { id: true },
    });
    return rows.map((row) => row.id);
  },
});
