import {
  ZApiResourceList,
  ZAssignRoleToUsersResult,
  ZPermissionList,
  ZRoleList,
  ZUserRoleList,
} from '@latchkey/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { errorPaths, ManagementFixture, problemCode, problemOf } from '../support/management.js';
import { freePort } from '../support/ports.js';
import { directWrites, rbacOfNewTenant } from '../support/rbac.js';

let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;

beforeAll(async () => {
  db = await createTestDatabase('rbac');
  api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url }, await freePort());
  fixture = ManagementFixture.open(db.url, api.baseUrl);
});

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

/** Each test works in a tenant of its own, so none depends on another's data or order. */
const tenant = (slug: string) => rbacOfNewTenant(fixture, slug);
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('API resources', () => {
  it('creates, reads, lists, renames and deletes', async () => {
    const t = await tenant('res-crud');
    const created = await t.createResource('https://api.example.com', 'Invoices API');
    expect(created).toMatchObject({ identifier: 'https://api.example.com', name: 'Invoices API' });
    await t.createResource('urn:example:reports', 'Reports');
    await t.createResource('https://billing.example.com:8443/v1', 'Billing');

    expect((await t.request('GET', `/api-resources/${created.id}`)).body).toEqual(created);
    const first = ZApiResourceList.parse((await t.request('GET', '/api-resources?limit=2')).body);
    expect(first.data.map((r) => r.identifier)).toEqual([
      'https://api.example.com',
      'https://billing.example.com:8443/v1',
    ]);
    const second = ZApiResourceList.parse(
      (await t.request('GET', `/api-resources?limit=2&cursor=${first.nextCursor}`)).body,
    );
    expect(second.data.map((r) => r.identifier)).toEqual(['urn:example:reports']);
    expect(second.nextCursor).toBeUndefined();
    const searched = ZApiResourceList.parse((await t.request('GET', '/api-resources?q=REPORT')).body);
    expect(searched.data.map((r) => r.name)).toEqual(['Reports']);

    const renamed = await t.request('PATCH', `/api-resources/${created.id}`, { name: 'Invoices' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: created.id, name: 'Invoices', identifier: created.identifier });
    // The identifier is the audience of issued tokens: it cannot change.
    const moved = await t.request('PATCH', `/api-resources/${created.id}`, {
      name: 'x',
      identifier: 'urn:x:y',
    });
    expect(moved.status).toBe(400);

    expect((await t.request('DELETE', `/api-resources/${created.id}`)).status).toBe(204);
    expect((await t.request('GET', `/api-resources/${created.id}`)).status).toBe(404);
    expect((await t.request('DELETE', `/api-resources/${created.id}`)).status).toBe(404);
  });

  it('sets the access token format at creation (default jwt) and changes it with PATCH', async () => {
    const t = await tenant('res-format');
    const plain = await t.createResource('https://jwt.example.com', 'JWT API');
    expect(plain).toMatchObject({ accessTokenFormat: 'jwt' });
    const created = await t.request('POST', '/api-resources', {
      identifier: 'https://opaque.example.com',
      name: 'Opaque API',
      accessTokenFormat: 'opaque',
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await t.request('GET', `/api-resources/${id}`)).body).toMatchObject({
      accessTokenFormat: 'opaque',
    });

    const back = await t.request('PATCH', `/api-resources/${id}`, { accessTokenFormat: 'jwt' });
    expect(back.body).toMatchObject({ name: 'Opaque API', accessTokenFormat: 'jwt' });
    const renamed = await t.request('PATCH', `/api-resources/${id}`, { name: 'Renamed' });
    expect(renamed.body).toMatchObject({ name: 'Renamed', accessTokenFormat: 'jwt' });
    const unchanged = await t.request('PATCH', `/api-resources/${id}`, {});
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ name: 'Renamed', accessTokenFormat: 'jwt' });

    for (const [method, path] of [
      ['POST', '/api-resources'],
      ['PATCH', `/api-resources/${id}`],
    ] as const) {
      const bad = await t.request(method, path, {
        identifier: 'urn:example:bad',
        name: 'Bad',
        accessTokenFormat: 'paseto',
      });
      expect(bad.status, method).toBe(400);
      expect(errorPaths(bad), method).toContain('accessTokenFormat');
    }
  });

  it('validates identifier and name with field paths', async () => {
    const t = await tenant('res-invalid');
    for (const identifier of [
      'api.example.com',
      'https://',
      'https:api.example.com',
      'https://api.example.com/#part',
      'urn:has space',
      '',
      `https://api.example.com/${'a'.repeat(2048)}`,
    ]) {
      const res = await t.request('POST', '/api-resources', { identifier, name: 'x' });
      expect(res.status, identifier).toBe(400);
      expect(errorPaths(res), identifier).toEqual(['identifier']);
    }
    const both = await t.request('POST', '/api-resources', { identifier: 'nope', name: '  ' });
    expect(problemCode(both)).toBe('validation-failed');
    expect(errorPaths(both)).toEqual(['identifier', 'name']);
    expect(errorPaths(await t.request('POST', '/api-resources', {}))).toEqual(['identifier', 'name']);
    const nul = await t.request('POST', '/api-resources', { identifier: 'urn:x:y', name: 'a\u0000b' });
    expect(errorPaths(nul)).toEqual(['name']);
    const resource = await t.createResource('urn:example:ok');
    expect(errorPaths(await t.request('PATCH', `/api-resources/${resource.id}`, { name: '' }))).toEqual([
      'name',
    ]);
  });

  it('refuses a taken identifier with 409, per tenant', async () => {
    const t = await tenant('res-taken');
    await t.createResource('https://api.example.com');
    const again = await t.request('POST', '/api-resources', {
      identifier: 'https://api.example.com',
      name: 'y',
    });
    expect(again.status).toBe(409);
    expect(problemCode(again)).toBe('api-resource-identifier-taken');
    expect(errorPaths(again)).toEqual(['identifier']);
    await (await tenant('res-taken-2')).createResource('https://api.example.com');
  });

  it('answers 404 for ids that are not UUIDs and for unknown ones', async () => {
    const t = await tenant('res-missing');
    for (const id of ['not-a-uuid', MISSING]) {
      for (const [method, body] of [['GET'], ['PATCH', { name: 'x' }], ['DELETE']] as const) {
        const res = await t.request(method, `/api-resources/${id}`, body);
        expect(res.status, `${method} ${id}`).toBe(404);
        expect(problemCode(res)).toBe('not-found');
      }
      expect((await t.request('GET', `/api-resources/${id}/permissions`)).status).toBe(404);
      expect((await t.request('POST', `/api-resources/${id}/permissions`, { name: 'read:x' })).status).toBe(
        404,
      );
    }
  });

  it('deletes its permissions with it, and roles stop granting them', async () => {
    const t = await tenant('res-cascade');
    const resource = await t.createResource('https://api.example.com');
    const other = await t.createResource('urn:example:other');
    const read = await t.createPermission(resource.id, 'read:things');
    const keep = await t.createPermission(other.id, 'read:other');
    const role = await t.createRole('reader', [read.id, keep.id]);
    expect((await t.request('DELETE', `/api-resources/${resource.id}`)).status).toBe(204);
    expect((await t.request('GET', `/api-resources/${resource.id}/permissions`)).status).toBe(404);
    expect((await t.getRole(role.id)).permissions.map((p) => p.id)).toEqual([keep.id]);
  });
});

describe('permissions', () => {
  it('creates, lists by name (paged) and deletes', async () => {
    const t = await tenant('perm-crud');
    const resource = await t.createResource('https://api.example.com');
    const path = `/api-resources/${resource.id}/permissions`;
    const created = await t.request('POST', path, { name: 'write:invoices', description: 'Change invoices' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'write:invoices',
      description: 'Change invoices',
      resourceId: resource.id,
    });
    for (const name of ['read:invoices', 'admin:*', 'write:invoices.lines', 'read:a:b']) {
      await t.createPermission(resource.id, name);
    }
    const first = ZPermissionList.parse((await t.request('GET', `${path}?limit=3`)).body);
    const rest = ZPermissionList.parse(
      (await t.request('GET', `${path}?limit=3&cursor=${first.nextCursor}`)).body,
    );
    const names = [...first.data, ...rest.data].map((p) => p.name);
    expect(names).toHaveLength(5);
    expect(new Set(names).size).toBe(5);
    expect(rest.nextCursor).toBeUndefined();

    const id = (created.body as { id: string }).id;
    expect((await t.request('DELETE', `${path}/${id}`)).status).toBe(204);
    expect((await t.request('DELETE', `${path}/${id}`)).status).toBe(404);
    expect(ZPermissionList.parse((await t.request('GET', path)).body).data).toHaveLength(4);
  });

  it('validates the verb:noun name and the description with field paths', async () => {
    const t = await tenant('perm-invalid');
    const resource = await t.createResource('https://api.example.com');
    const path = `/api-resources/${resource.id}/permissions`;
    for (const name of [
      'Read:invoices',
      'read',
      'read:',
      ':invoices',
      'read invoices',
      'read:Invoices',
      '1read:x',
    ]) {
      const res = await t.request('POST', path, { name });
      expect(res.status, name).toBe(400);
      expect(errorPaths(res), name).toEqual(['name']);
    }
    const long = await t.request('POST', path, { name: 'read:x', description: 'd'.repeat(501) });
    expect(errorPaths(long)).toEqual(['description']);
    expect((await t.request('POST', path, { name: 'read:x', extra: true })).status).toBe(400);
  });

  it('refuses a name taken on the same resource with 409, not on another', async () => {
    const t = await tenant('perm-taken');
    const a = await t.createResource('https://a.example.com');
    const b = await t.createResource('https://b.example.com');
    await t.createPermission(a.id, 'read:things');
    const again = await t.request('POST', `/api-resources/${a.id}/permissions`, { name: 'read:things' });
    expect(again.status).toBe(409);
    expect(problemCode(again)).toBe('permission-name-taken');
    expect(errorPaths(again)).toEqual(['name']);
    await t.createPermission(b.id, 'read:things');
  });

  it('deletes a permission only through its own resource', async () => {
    const t = await tenant('perm-wrong-resource');
    const a = await t.createResource('https://a.example.com');
    const b = await t.createResource('https://b.example.com');
    const permission = await t.createPermission(a.id, 'read:things');
    expect((await t.request('DELETE', `/api-resources/${b.id}/permissions/${permission.id}`)).status).toBe(
      404,
    );
    expect((await t.request('DELETE', `/api-resources/${a.id}/permissions/not-a-uuid`)).status).toBe(404);
    expect((await t.request('DELETE', `/api-resources/${a.id}/permissions/${permission.id}`)).status).toBe(
      204,
    );
  });
});

describe('roles', () => {
  it('creates, reads with permissions, lists, searches, updates and deletes', async () => {
    const t = await tenant('role-crud');
    const created = await t.request('POST', '/roles', {
      name: 'Billing admin',
      description: 'Everything billing',
    });
    expect(created.status).toBe(201);
    const role = created.body as { id: string };
    expect(created.body).toMatchObject({ name: 'Billing admin', description: 'Everything billing' });
    for (const name of ['Viewer', 'billing viewer', 'Editor']) await t.createRole(name);

    expect(await t.getRole(role.id)).toMatchObject({ name: 'Billing admin', permissions: [] });
    const all = ZRoleList.parse((await t.request('GET', '/roles?limit=3')).body);
    const more = ZRoleList.parse((await t.request('GET', `/roles?limit=3&cursor=${all.nextCursor}`)).body);
    expect([...all.data, ...more.data]).toHaveLength(4);
    const billing = ZRoleList.parse((await t.request('GET', '/roles?q=BILLING')).body);
    expect(billing.data.map((r) => r.name).sort()).toEqual(['Billing admin', 'billing viewer']);
    expect(ZRoleList.parse((await t.request('GET', '/roles?q=%25')).body).data).toEqual([]);

    const updated = await t.request('PATCH', `/roles/${role.id}`, {
      name: 'Billing owner',
      description: null,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: role.id, name: 'Billing owner', description: null });
    expect((await t.request('PATCH', `/roles/${role.id}`, {})).body).toMatchObject({ name: 'Billing owner' });

    expect((await t.request('DELETE', `/roles/${role.id}`)).status).toBe(204);
    expect((await t.request('GET', `/roles/${role.id}`)).status).toBe(404);
    expect((await t.request('DELETE', `/roles/${role.id}`)).status).toBe(404);
  });

  it('validates with field paths and refuses taken names with 409', async () => {
    const t = await tenant('role-invalid');
    const bad = await t.request('POST', '/roles', { name: '', description: 'd'.repeat(501) });
    expect(bad.status).toBe(400);
    expect(errorPaths(bad)).toEqual(['description', 'name']);
    expect((await t.request('POST', '/roles', { name: 'x', permissions: [] })).status).toBe(400);

    const admin = await t.createRole('admin');
    const viewer = await t.createRole('viewer');
    const again = await t.request('POST', '/roles', { name: 'admin' });
    expect(again.status).toBe(409);
    expect(problemCode(again)).toBe('role-name-taken');
    expect(errorPaths(again)).toEqual(['name']);
    const rename = await t.request('PATCH', `/roles/${viewer.id}`, { name: 'admin' });
    expect(rename.status).toBe(409);
    expect(problemCode(rename)).toBe('role-name-taken');
    expect((await t.request('PATCH', `/roles/${admin.id}`, { name: 'admin' })).status).toBe(200);
    for (const id of ['nope', MISSING]) {
      expect((await t.request('GET', `/roles/${id}`)).status).toBe(404);
      expect((await t.request('PATCH', `/roles/${id}`, { name: 'z' })).status).toBe(404);
    }
  });

  it('sets, adds and removes permissions; unknown ids are a 400 naming each, changing nothing', async () => {
    const t = await tenant('role-perms');
    const invoices = await t.createResource('https://invoices.example.com');
    const billing = await t.createResource('https://billing.example.com');
    const read = await t.createPermission(invoices.id, 'read:invoices');
    const write = await t.createPermission(invoices.id, 'write:invoices');
    const pay = await t.createPermission(billing.id, 'pay:bills');
    const role = await t.createRole('clerk');

    const set = await t.setPermissions(role.id, [write.id, pay.id, read.id, read.id]);
    // By resource identifier, then permission name.
    expect(set.permissions.map((p) => `${p.resourceIdentifier} ${p.name}`)).toEqual([
      'https://billing.example.com pay:bills',
      'https://invoices.example.com read:invoices',
      'https://invoices.example.com write:invoices',
    ]);
    expect(set.permissions[0]).toEqual({
      id: pay.id,
      name: 'pay:bills',
      description: null,
      resourceId: billing.id,
      resourceIdentifier: 'https://billing.example.com',
    });

    const foreign = await (await tenant('role-perms-other')).createResource('urn:other:api');
    const unknown = await t.request('PUT', `/roles/${role.id}/permissions`, {
      permissionIds: [read.id, MISSING, foreign.id],
    });
    expect(unknown.status).toBe(400);
    expect(errorPaths(unknown)).toEqual(['permissionIds[1]', 'permissionIds[2]']);
    expect((await t.getRole(role.id)).permissions).toHaveLength(3);
    expect(
      errorPaths(await t.request('PUT', `/roles/${role.id}/permissions`, { permissionIds: ['x'] })),
    ).toEqual(['permissionIds[0]']);

    expect((await t.setPermissions(role.id, [read.id])).permissions.map((p) => p.id)).toEqual([read.id]);
    const single = `/roles/${role.id}/permissions/${write.id}`;
    expect((await t.request('POST', single)).status).toBe(204);
    expect((await t.request('POST', single)).status).toBe(204);
    expect((await t.getRole(role.id)).permissions.map((p) => p.name)).toEqual([
      'read:invoices',
      'write:invoices',
    ]);
    expect((await t.request('DELETE', single)).status).toBe(204);
    expect((await t.request('DELETE', single)).status).toBe(204);
    expect((await t.getRole(role.id)).permissions.map((p) => p.name)).toEqual(['read:invoices']);
    expect((await t.request('POST', `/roles/${role.id}/permissions/${MISSING}`)).status).toBe(404);
    expect((await t.request('POST', `/roles/${MISSING}/permissions/${write.id}`)).status).toBe(404);
    expect((await t.request('PUT', `/roles/${MISSING}/permissions`, { permissionIds: [] })).status).toBe(404);
    expect((await t.setPermissions(role.id, [])).permissions).toEqual([]);
  });
});

describe('tenant-level user roles', () => {
  it('assigns (idempotently), lists and removes', async () => {
    const t = await tenant('user-roles');
    const user = await t.createUser('ann@example.com');
    const [admin, viewer] = [await t.createRole('admin'), await t.createRole('viewer')];
    await t.assignRoles(user, [viewer.id, admin.id, viewer.id]);
    await t.assignRoles(user, [admin.id]);
    const list = ZUserRoleList.parse((await t.request('GET', `/users/${user}/roles`)).body);
    expect(list.data.map((r) => r.name)).toEqual(['admin', 'viewer']);
    expect((await t.request('DELETE', `/users/${user}/roles/${admin.id}`)).status).toBe(204);
    expect((await t.request('DELETE', `/users/${user}/roles/${admin.id}`)).status).toBe(204);
    expect(ZUserRoleList.parse((await t.request('GET', `/users/${user}/roles`)).body).data).toHaveLength(1);
  });

  it('refuses unknown roles with a 400 naming each, unknown users with 404, deleted users with 409', async () => {
    const t = await tenant('user-roles-invalid');
    const user = await t.createUser('bob@example.com');
    const role = await t.createRole('admin');
    const foreignRole = await (await tenant('user-roles-other')).createRole('admin');
    const res = await t.request('POST', `/users/${user}/roles`, {
      roleIds: [role.id, MISSING, foreignRole.id],
    });
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toEqual(['roleIds[1]', 'roleIds[2]']);
    expect(ZUserRoleList.parse((await t.request('GET', `/users/${user}/roles`)).body).data).toEqual([]);
    expect(errorPaths(await t.request('POST', `/users/${user}/roles`, { roleIds: [] }))).toEqual(['roleIds']);

    for (const id of ['nope', MISSING]) {
      expect((await t.request('GET', `/users/${id}/roles`)).status).toBe(404);
      expect((await t.request('POST', `/users/${id}/roles`, { roleIds: [role.id] })).status).toBe(404);
      expect((await t.request('DELETE', `/users/${id}/roles/${role.id}`)).status).toBe(404);
    }
    expect((await t.request('DELETE', `/users/${user}/roles/${MISSING}`)).status).toBe(404);

    expect((await t.request('DELETE', `/users/${user}`)).status).toBe(204);
    const deleted = await t.request('POST', `/users/${user}/roles`, { roleIds: [role.id] });
    expect(deleted.status).toBe(409);
    expect(problemCode(deleted)).toBe('user-deleted');
  });
});

describe('bulk assignment', () => {
  it('gives a role to 1000 users in one request, idempotently', async () => {
    const t = await tenant('bulk-many');
    const users = await directWrites(fixture.prisma, t.tenantId).insertUsers('bulk', 1000);
    const role = await t.createRole('member');
    const path = `/roles/${role.id}/users`;
    await t.assignRoles(users[0] as string, [role.id]);

    const res = await t.request('POST', path, { userIds: users });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ZAssignRoleToUsersResult.parse(res.body)).toEqual({
      roleId: role.id,
      assigned: 999,
      unchanged: 1,
    });
    expect(await fixture.prisma.userRole.count({ where: { tenantId: t.tenantId, roleId: role.id } })).toBe(
      1000,
    );
    const again = await t.request('POST', path, { userIds: [...users.slice(0, 10), users[0]] });
    expect(again.body).toEqual({ roleId: role.id, assigned: 0, unchanged: 10 });

    const tooMany = await t.request('POST', path, { userIds: [...users, users[0]] });
    expect(tooMany.status).toBe(400);
    expect(errorPaths(tooMany)).toEqual(['userIds']);
  });

  it('assigns nothing when any id is unknown or deleted, and names each', async () => {
    const t = await tenant('bulk-unknown');
    const [ann, bob, gone] = await directWrites(fixture.prisma, t.tenantId).insertUsers('mixed', 3);
    const foreignUser = await (await tenant('bulk-other')).createUser('intruder@example.com');
    const role = await t.createRole('member');
    expect((await t.request('DELETE', `/users/${gone}`)).status).toBe(204);

    const res = await t.request('POST', `/roles/${role.id}/users`, {
      userIds: [ann, MISSING, bob, foreignUser, gone],
    });
    expect(res.status).toBe(400);
    expect(problemCode(res)).toBe('validation-failed');
    expect(problemOf(res).errors).toEqual([
      { path: 'userIds[1]', message: 'is not a user of this tenant', code: 'not_found' },
      { path: 'userIds[3]', message: 'is not a user of this tenant', code: 'not_found' },
      { path: 'userIds[4]', message: 'is a deleted user', code: 'deleted' },
    ]);
    expect(await fixture.prisma.userRole.count({ where: { tenantId: t.tenantId } })).toBe(0);

    expect(errorPaths(await t.request('POST', `/roles/${role.id}/users`, { userIds: ['x'] }))).toEqual([
      'userIds[0]',
    ]);
    expect(errorPaths(await t.request('POST', `/roles/${role.id}/users`, { userIds: [] }))).toEqual([
      'userIds',
    ]);
    expect((await t.request('POST', `/roles/${MISSING}/users`, { userIds: [ann] })).status).toBe(404);
  });
});

describe('effective permissions', () => {
  /**
   * One user, Ann: `member` at tenant level (read:invoices); `org-admin` in org A (read, write and
   * delete invoices); `org-viewer` in org B (read:invoices, read:reports on another resource); org C
   * exists but Ann is not a member (Bob is an admin there).
   */
  async function scenario(slug: string) {
    const t = await tenant(slug);
    const orgs = directWrites(fixture.prisma, t.tenantId);
    const invoices = await t.createResource('https://invoices.example.com');
    const reports = await t.createResource('urn:example:reports');
    const perm = {
      read: await t.createPermission(invoices.id, 'read:invoices'),
      write: await t.createPermission(invoices.id, 'write:invoices'),
      delete: await t.createPermission(invoices.id, 'delete:invoices'),
      reports: await t.createPermission(reports.id, 'read:reports'),
    };
    const role = {
      member: await t.createRole('member', [perm.read.id]),
      orgAdmin: await t.createRole('org-admin', [perm.read.id, perm.write.id, perm.delete.id]),
      orgViewer: await t.createRole('org-viewer', [perm.read.id, perm.reports.id]),
    };
    const ann = await t.createUser('ann@example.com');
    const bob = await t.createUser('bob@example.com');
    const [orgA, orgB, orgC] = [
      await orgs.createOrganization('org-a'),
      await orgs.createOrganization('org-b'),
      await orgs.createOrganization('org-c'),
    ];
    await t.assignRoles(ann, [role.member.id]);
    await orgs.addMember(orgA, ann, [role.orgAdmin.id]);
    await orgs.addMember(orgB, ann, [role.orgViewer.id]);
    await orgs.addMember(orgC, bob, [role.orgAdmin.id]);
    const of = (userId: string, resource: string, organizationId?: string) =>
      t.effective(userId, resource, organizationId);
    return { t, orgs, invoices, reports, perm, role, ann, bob, orgA, orgB, orgC, of };
  }

  it('combines tenant roles with the roles of the given membership', async () => {
    const s = await scenario('eff-matrix');
    const inv = s.invoices.identifier;
    const rep = s.reports.identifier;

    expect(await s.of(s.ann, inv)).toEqual({
      resource: inv,
      organizationId: null,
      permissions: ['read:invoices'],
      roles: [{ id: s.role.member.id, name: 'member', source: 'tenant' }],
    });
    expect(await s.of(s.ann, inv, s.orgA)).toEqual({
      resource: inv,
      organizationId: s.orgA,
      permissions: ['delete:invoices', 'read:invoices', 'write:invoices'],
      roles: [
        { id: s.role.member.id, name: 'member', source: 'tenant' },
        { id: s.role.orgAdmin.id, name: 'org-admin', source: 'organization' },
      ],
    });
    const inB = await s.of(s.ann, inv, s.orgB);
    expect(inB.permissions).toEqual(['read:invoices']);
    expect(inB.roles.map((r) => `${r.source}:${r.name}`)).toEqual([
      'tenant:member',
      'organization:org-viewer',
    ]);
    expect((await s.of(s.ann, rep, s.orgB)).permissions).toEqual(['read:reports']);
    expect((await s.of(s.ann, rep)).permissions).toEqual([]);
    expect((await s.of(s.ann, rep, s.orgA)).permissions).toEqual([]);

    // Not a member of org C (Bob's admin role there is his, not Ann's), or no such org: tenant roles only.
    for (const org of [s.orgC, MISSING]) {
      const res = await s.of(s.ann, inv, org);
      expect(res.permissions).toEqual(['read:invoices']);
      expect(res.roles.map((r) => r.source)).toEqual(['tenant']);
    }
    expect(await s.of(s.bob, inv)).toMatchObject({ permissions: [], roles: [] });
    expect((await s.of(s.bob, inv, s.orgC)).permissions).toEqual([
      'delete:invoices',
      'read:invoices',
      'write:invoices',
    ]);
    expect((await s.of(s.bob, inv, s.orgA)).permissions).toEqual([]);
  });

  it('reflects role and permission changes in the very next call', async () => {
    const s = await scenario('eff-changes');
    const inv = s.invoices.identifier;
    await s.t.setPermissions(s.role.member.id, [s.perm.read.id, s.perm.write.id]);
    expect((await s.of(s.ann, inv)).permissions).toEqual(['read:invoices', 'write:invoices']);

    const removeDelete = `/roles/${s.role.orgAdmin.id}/permissions/${s.perm.delete.id}`;
    expect((await s.t.request('DELETE', removeDelete)).status).toBe(204);
    expect((await s.of(s.ann, inv, s.orgA)).permissions).toEqual(['read:invoices', 'write:invoices']);

    await s.orgs.setMemberRoles(s.orgA, s.ann, [s.role.orgViewer.id]);
    expect((await s.of(s.ann, inv, s.orgA)).roles.map((r) => r.name)).toEqual(['member', 'org-viewer']);

    const deletePermission = `/api-resources/${s.invoices.id}/permissions/${s.perm.write.id}`;
    expect((await s.t.request('DELETE', deletePermission)).status).toBe(204);
    expect((await s.of(s.ann, inv)).permissions).toEqual(['read:invoices']);

    expect((await s.t.request('DELETE', `/users/${s.ann}/roles/${s.role.member.id}`)).status).toBe(204);
    expect(await s.of(s.ann, inv)).toMatchObject({ permissions: [], roles: [] });

    // The same role at tenant level and in the org: listed once per source, its permissions once.
    await s.t.assignRoles(s.ann, [s.role.orgViewer.id]);
    const both = await s.of(s.ann, inv, s.orgA);
    expect(both.permissions).toEqual(['read:invoices']);
    expect(both.roles.map((r) => `${r.source}:${r.name}`)).toEqual([
      'tenant:org-viewer',
      'organization:org-viewer',
    ]);

    expect((await s.t.request('DELETE', `/roles/${s.role.orgViewer.id}`)).status).toBe(204);
    expect(await s.of(s.ann, inv, s.orgA)).toMatchObject({ permissions: [], roles: [] });
    await s.orgs.removeMember(s.orgB, s.ann);
    expect((await s.of(s.ann, s.reports.identifier, s.orgB)).permissions).toEqual([]);
  });

  it('validates the query and answers 404 for unknown users and resources', async () => {
    const s = await scenario('eff-invalid');
    const base = `/users/${s.ann}/permissions`;
    expect(errorPaths(await s.t.request('GET', base))).toEqual(['resource']);
    const bad = await s.t.request('GET', `${base}?resource=not%20a%20uri&organizationId=nope`);
    expect(bad.status).toBe(400);
    expect(errorPaths(bad)).toEqual(['organizationId', 'resource']);
    const unknownResource = await s.t.request('GET', `${base}?resource=urn:example:nothing`);
    expect(unknownResource.status).toBe(404);
    expect(problemOf(unknownResource).detail).toMatch(/identifier/);
    for (const id of ['nope', MISSING]) {
      const res = await s.t.request('GET', `/users/${id}/permissions?resource=${s.invoices.identifier}`);
      expect(res.status).toBe(404);
    }
  });
});

/** Each change the audit test makes, once; the no-op requests in between must add nothing. */
const RBAC_ACTIONS = [
  'api_resource.create',
  'permission.create',
  'role.create',
  'role.permissions.set',
  'role.update',
  'user.roles.assign',
  'user.roles.remove',
  'role.users.assign',
  'role.permission.remove',
  'role.permission.add',
  'api_resource.update',
  'permission.delete',
  'role.delete',
  'api_resource.delete',
];

describe('audit trail', () => {
  it('records each change in its transaction, and nothing for requests that change nothing', async () => {
    const t = await tenant('rbac-audit');
    const user = await t.createUser('ann@example.com');
    const resource = await t.createResource('https://api.example.com');
    const permission = await t.createPermission(resource.id, 'read:things');
    const role = await t.createRole('reader', [permission.id]);
    await t.setPermissions(role.id, [permission.id]);
    await t.request('PATCH', `/roles/${role.id}`, { description: 'Reads things' });
    await t.request('PATCH', `/roles/${role.id}`, {});
    await t.assignRoles(user, [role.id]);
    await t.assignRoles(user, [role.id]);
    await t.request('POST', `/roles/${role.id}/users`, { userIds: [user] });
    await t.request('DELETE', `/users/${user}/roles/${role.id}`);
    await t.request('POST', `/roles/${role.id}/users`, { userIds: [user] });
    await t.request('DELETE', `/roles/${role.id}/permissions/${permission.id}`);
    await t.request('POST', `/roles/${role.id}/permissions/${permission.id}`);
    await t.request('POST', '/roles', { name: 'reader' });
    await t.request('PATCH', `/api-resources/${resource.id}`, { name: 'Things' });
    await t.request('DELETE', `/api-resources/${resource.id}/permissions/${permission.id}`);
    await t.request('DELETE', `/roles/${role.id}`);
    await t.request('DELETE', `/api-resources/${resource.id}`);

    const events = await fixture.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId } });
    // Events of one request share a millisecond at most, so compare as a multiset, not in order.
    const rbac = events.filter((e) => RBAC_ACTIONS.includes(e.action));
    expect(rbac.map((e) => e.action).sort()).toEqual([...RBAC_ACTIONS].sort());
    expect(rbac.every((e) => e.actorType === 'api-key' && e.actorId !== null && e.requestId !== null)).toBe(
      true,
    );
    expect(rbac.find((e) => e.action === 'role.users.assign')?.changes).toEqual({ userIds: [user] });
  });
});
