import {
  ZInvitationAcceptance,
  ZInvitationList,
  ZOrganization,
  ZOrganizationDomain,
  ZOrganizationDomainList,
  ZOrganizationList,
  ZOrganizationMember,
  ZOrganizationMemberList,
  ZUser,
} from '@latchkey/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TestDnsServer } from '../support/dns-server.js';
import { errorPaths, ManagementFixture, problemCode, problemOf } from '../support/management.js';
import { ok, organizationsOfNewTenant } from '../support/organizations.js';
import { freePort } from '../support/ports.js';

const PUBLIC_URL = 'https://auth.example.test';

let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let dns: TestDnsServer;

beforeAll(async () => {
  db = await createTestDatabase('orgs');
  dns = await TestDnsServer.start();
  api = await LatchkeyProcess.startApi(
    { DATABASE_URL: db.url, PUBLIC_URL, LATCHKEY_DNS_SERVERS: dns.address },
    await freePort(),
  );
  fixture = ManagementFixture.open(db.url, api.baseUrl);
});

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await dns?.close();
  await db?.drop();
});

/** Each test works in a tenant of its own, so no test depends on another's data. */
const tenant = (slug: string) => organizationsOfNewTenant(fixture, slug);

describe('organizations', () => {
  it('creates with every field, reads back the same, and audits the change', async () => {
    const t = await tenant('org-create');
    const sent = {
      name: 'Acme Corp',
      slug: 'acme',
      metadata: { plan: 'enterprise', seats: 50, tags: ['a'] },
      allowedSignInMethods: ['sso', 'passkey'],
      mfaRequired: true,
      jitProvisioning: true,
    };
    const created = await t.createOrganization(sent);
    expect(created).toMatchObject(sent);
    expect(Object.keys(created).sort()).toEqual(Object.keys(ZOrganization.shape).sort());
    expect(ok(await t.request('GET', t.org(created.id)), 200)).toEqual(created);
    expect(await t.auditActions()).toEqual(['organization.create']);
  });

  it('defaults the optional fields', async () => {
    const t = await tenant('org-defaults');
    expect(await t.createOrganization({ name: 'Min', slug: 'min' })).toMatchObject({
      metadata: {},
      allowedSignInMethods: [],
      mfaRequired: false,
      jitProvisioning: false,
    });
  });

  it('lists every invalid field of the body', async () => {
    const t = await tenant('org-invalid');
    const res = await t.request('POST', '/organizations', {
      name: '  ',
      slug: 'Not A Slug',
      metadata: ['not', 'an', 'object'],
      allowedSignInMethods: ['password', 'carrier_pigeon'],
      mfaRequired: 'yes',
    });
    expect(res.status).toBe(400);
    expect(problemCode(res)).toBe('validation-failed');
    expect(errorPaths(res)).toEqual(['allowedSignInMethods[1]', 'metadata', 'mfaRequired', 'name', 'slug']);
    const repeated = await t.request('POST', '/organizations', {
      name: 'x',
      slug: 'x',
      allowedSignInMethods: ['sso', 'sso'],
    });
    expect(errorPaths(repeated)).toEqual(['allowedSignInMethods']);
    expect(errorPaths(await t.request('POST', '/organizations', { name: 'x', slug: 'x', id: 'y' }))).toEqual([
      '',
    ]);
    expect(errorPaths(await t.request('POST', '/organizations', { name: 'a\u0000b', slug: 'nul' }))).toEqual([
      'name',
    ]);
  });

  it('answers 409 organization-slug-taken for a slug of the tenant, on create and update', async () => {
    const t = await tenant('org-slug');
    await t.createOrganization({ name: 'First', slug: 'taken' });
    const second = await t.createOrganization({ name: 'Second', slug: 'second' });
    const again = await t.request('POST', '/organizations', { name: 'Again', slug: 'taken' });
    expect(again.status).toBe(409);
    expect(problemCode(again)).toBe('organization-slug-taken');
    expect(errorPaths(again)).toEqual(['slug']);
    const renamed = await t.request('PATCH', t.org(second.id), { slug: 'taken', name: 'Changed' });
    expect(renamed.status).toBe(409);
    expect(problemCode(renamed)).toBe('organization-slug-taken');
    expect(ok(await t.request('GET', t.org(second.id)), 200)).toEqual(second);
    // Slugs are unique per tenant only.
    await (await tenant('org-slug-2')).createOrganization({ name: 'Other tenant', slug: 'taken' });
  });

  it('lists by slug in pages, and searches name and slug case-insensitively', async () => {
    const t = await tenant('org-list');
    for (const [name, slug] of [
      ['Zeta Labs', 'zeta'],
      ['Alpha Inc', 'alpha'],
      ['Beta_Works', 'beta'],
      ['Gamma', 'gamma-labs'],
      ['Delta', 'delta'],
    ]) {
      await t.createOrganization({ name, slug });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const query = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = ZOrganizationList.parse(ok(await t.request('GET', `/organizations${query}`), 200));
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((o) => o.slug));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['alpha', 'beta', 'delta', 'gamma-labs', 'zeta']);
    const search = async (q: string) =>
      ZOrganizationList.parse(
        ok(await t.request('GET', `/organizations?q=${encodeURIComponent(q)}`), 200),
      ).data.map((o) => o.slug);
    expect(await search('LABS')).toEqual(['gamma-labs', 'zeta']);
    expect(await search('a_w')).toEqual(['beta']);
    expect(await search('%')).toEqual([]);
    const bad = await t.request('GET', '/organizations?cursor=not-ours!');
    expect(bad.status).toBe(400);
    expect(errorPaths(bad)).toEqual(['cursor']);
  });

  it('updates only the fields sent; an empty PATCH changes nothing', async () => {
    const t = await tenant('org-update');
    const org = await t.createOrganization({
      name: 'Before',
      slug: 'before',
      metadata: { a: 1 },
      allowedSignInMethods: ['password'],
    });
    const updated = ZOrganization.parse(
      ok(
        await t.request('PATCH', t.org(org.id), {
          name: 'After',
          metadata: { b: 2 },
          allowedSignInMethods: [],
          mfaRequired: true,
        }),
        200,
      ),
    );
    expect(updated).toEqual({
      ...org,
      name: 'After',
      metadata: { b: 2 },
      allowedSignInMethods: [],
      mfaRequired: true,
      updatedAt: updated.updatedAt,
    });
    expect(ok(await t.request('PATCH', t.org(org.id), {}), 200)).toEqual(updated);
    const invalid = await t.request('PATCH', t.org(org.id), {
      slug: '-x',
      jitProvisioning: 1,
      tenantId: 'x',
    });
    expect(errorPaths(invalid)).toEqual(['', 'jitProvisioning', 'slug']);
    expect(await t.auditActions()).toEqual(['organization.create', 'organization.update']);
  });

  it('answers 404 for unknown and malformed ids on every organization route', async () => {
    const t = await tenant('org-missing');
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      for (const [method, body] of [['GET'], ['PATCH', { name: 'x' }], ['DELETE']] as const) {
        const res = await t.request(method, t.org(id), body);
        expect(res.status, `${method} ${id}`).toBe(404);
        expect(problemCode(res)).toBe('not-found');
      }
      expect((await t.request('GET', `${t.org(id)}/members`)).status).toBe(404);
      expect((await t.request('POST', `${t.org(id)}/domains`, { domain: 'example.com' })).status).toBe(404);
    }
  });

  it('deletes for good, with domains, memberships and invitations; the users stay', async () => {
    const t = await tenant('org-delete');
    const org = await t.createOrganization({ name: 'Doomed', slug: 'doomed' });
    const userId = await t.createUser('member@example.com');
    const role = await t.createRole('admin');
    await t.addMember(org.id, userId);
    ok(await t.request('PUT', `${t.org(org.id)}/members/${userId}/roles`, { roleIds: [role.id] }), 200);
    await t.addDomain(org.id, 'doomed.example');
    await t.invite(org.id, { email: 'later@example.com' });
    const res = await t.request('DELETE', t.org(org.id));
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await t.request('GET', t.org(org.id))).status).toBe(404);
    expect((await t.request('DELETE', t.org(org.id))).status).toBe(404);
    const where = { tenantId: t.tenantId };
    expect(await fixture.prisma.membership.count({ where })).toBe(0);
    expect(await fixture.prisma.membershipRole.count({ where })).toBe(0);
    expect(await fixture.prisma.organizationDomain.count({ where })).toBe(0);
    expect(await fixture.prisma.invitation.count({ where })).toBe(0);
    expect((await t.request('GET', `/users/${userId}`)).status).toBe(200);
    // The slug is free again, and so is the domain.
    const reborn = await t.createOrganization({ name: 'Reborn', slug: 'doomed' });
    await t.addDomain(reborn.id, 'doomed.example');
    expect((await t.auditActions()).at(-3)).toBe('organization.delete');
  });
});

describe('domains', () => {
  it('adds a domain normalized, with the TXT record to publish; lists it', async () => {
    const t = await tenant('dom-add');
    const org = await t.createOrganization({ name: 'Acme', slug: 'acme' });
    const domain = await t.addDomain(org.id, '  Acme.EXAMPLE.com. ');
    expect(domain).toMatchObject({
      organizationId: org.id,
      domain: 'acme.example.com',
      verified: false,
      verifiedAt: null,
      verification: { type: 'TXT', name: '_latchkey-challenge.acme.example.com' },
    });
    expect(domain.verification.value).toMatch(/^latchkey-domain-verification=[A-Za-z0-9]{32}$/);
    const list = ZOrganizationDomainList.parse(ok(await t.request('GET', `${t.org(org.id)}/domains`), 200));
    expect(list.data).toEqual([domain]);
    expect(await t.auditActions()).toEqual(['organization.create', 'organization.domain.add']);
  });

  it('refuses what is not a domain name, naming the field', async () => {
    const t = await tenant('dom-invalid');
    const org = await t.createOrganization({ name: 'Acme', slug: 'acme' });
    for (const domain of [
      'localhost',
      '1.2.3.4',
      'exa mple.com',
      '-x.example.com',
      'a..b',
      `${'x'.repeat(64)}.com`,
      42,
    ]) {
      const res = await t.request('POST', `${t.org(org.id)}/domains`, { domain });
      expect(res.status, String(domain)).toBe(400);
      expect(errorPaths(res)).toEqual(['domain']);
    }
  });

  it('lets one organization of a tenant claim a domain (409 organization-domain-taken)', async () => {
    const t = await tenant('dom-taken');
    const first = await t.createOrganization({ name: 'First', slug: 'first' });
    const second = await t.createOrganization({ name: 'Second', slug: 'second' });
    await t.addDomain(first.id, 'shared.example');
    for (const org of [first, second]) {
      const res = await t.request('POST', `${t.org(org.id)}/domains`, { domain: 'SHARED.example.' });
      expect(res.status).toBe(409);
      expect(problemCode(res)).toBe('organization-domain-taken');
      expect(errorPaths(res)).toEqual(['domain']);
    }
    const other = await tenant('dom-taken-2');
    await other.addDomain((await other.createOrganization({ name: 'O', slug: 'o' })).id, 'shared.example');
  });

  describe('verification against a DNS server', () => {
    const setUp = async (slug: string, name: string) => {
      const t = await tenant(slug);
      const org = await t.createOrganization({ name: 'Acme', slug: 'acme' });
      const domain = await t.addDomain(org.id, name);
      const verify = () => t.request('POST', `${t.org(org.id)}/domains/${domain.id}/verify`);
      return { t, org, domain, verify };
    };

    it('verifies when one of the TXT records equals the challenge, once', async () => {
      const { t, domain, verify } = await setUp('dom-verify-ok', 'good.example');
      // Other TXT records may sit beside ours; long values arrive split into 255-byte strings.
      dns.setTxt(domain.verification.name, ['v=spf1 -all', 'x'.repeat(300), domain.verification.value]);
      const verified = ZOrganizationDomain.parse(ok(await verify(), 200));
      expect(verified).toMatchObject({ id: domain.id, verified: true });
      expect(Date.parse(verified.verifiedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
      // A verified domain stays verified even if the record goes away.
      dns.setTxt(domain.verification.name, []);
      expect(ok(await verify(), 200)).toEqual(verified);
      expect((await t.auditActions()).filter((a) => a === 'organization.domain.verify')).toHaveLength(1);
    });

    it('answers 422 naming the expected record when the record holds something else', async () => {
      const { domain, verify } = await setUp('dom-verify-wrong', 'wrong.example');
      dns.setTxt(domain.verification.name, ['latchkey-domain-verification=somethingElse']);
      const res = await verify();
      expect(res.status).toBe(422);
      expect(problemCode(res)).toBe('domain-verification-failed');
      const { detail } = problemOf(res);
      expect(detail).toContain('_latchkey-challenge.wrong.example');
      expect(detail).toContain(domain.verification.value);
      expect(detail).toContain('"latchkey-domain-verification=somethingElse"');
    });

    it('answers 422 saying nothing was found when there is no record, and stays unverified', async () => {
      const { t, org, domain, verify } = await setUp('dom-verify-none', 'none.example');
      const res = await verify();
      expect(res.status).toBe(422);
      expect(problemCode(res)).toBe('domain-verification-failed');
      expect(problemOf(res).detail).toContain('found no TXT record');
      const list = ZOrganizationDomainList.parse(ok(await t.request('GET', `${t.org(org.id)}/domains`), 200));
      expect(list.data).toEqual([domain]);
    });

    it('answers 503 dns-lookup-failed when the DNS server fails', async () => {
      const { domain, verify } = await setUp('dom-verify-fail', 'servfail.example');
      dns.failFor(domain.verification.name);
      const res = await verify();
      expect(res.status).toBe(503);
      expect(problemCode(res)).toBe('dns-lookup-failed');
      expect(problemOf(res).detail).toContain('ESERVFAIL');
    });
  });

  it('deletes a domain; an unknown or malformed domain id is 404', async () => {
    const t = await tenant('dom-delete');
    const org = await t.createOrganization({ name: 'Acme', slug: 'acme' });
    const domain = await t.addDomain(org.id, 'gone.example');
    expect((await t.request('DELETE', `${t.org(org.id)}/domains/${domain.id}`)).status).toBe(204);
    expect(
      ZOrganizationDomainList.parse(ok(await t.request('GET', `${t.org(org.id)}/domains`), 200)).data,
    ).toEqual([]);
    for (const id of [domain.id, 'nope']) {
      expect((await t.request('DELETE', `${t.org(org.id)}/domains/${id}`)).status).toBe(404);
      expect((await t.request('POST', `${t.org(org.id)}/domains/${id}/verify`)).status).toBe(404);
    }
    expect((await t.auditActions()).at(-1)).toBe('organization.domain.delete');
  });
});

describe('members', () => {
  it('adds, lists with roles in pages, replaces roles and removes members', async () => {
    const t = await tenant('mem-flow');
    const org = await t.createOrganization({ name: 'Acme', slug: 'acme' });
    const [ann, bob, cid] = [
      await t.createUser('ann@example.com', { givenName: 'Ann' }),
      await t.createUser('bob@example.com'),
      await t.createUser('cid@example.com'),
    ];
    const admin = await t.createRole('admin');
    const viewer = await t.createRole('viewer');
    const added = await t.addMember(org.id, ann);
    expect(added).toMatchObject({ userId: ann, email: 'ann@example.com', givenName: 'Ann', roles: [] });
    await t.addMember(org.id, bob);
    await t.addMember(org.id, cid);
    const rolesPath = `${t.org(org.id)}/members/${ann}/roles`;
    const withRoles = ZOrganizationMember.parse(
      ok(await t.request('PUT', rolesPath, { roleIds: [viewer.id, admin.id] }), 200),
    );
    expect(withRoles.roles).toEqual([admin, viewer]);
    const replaced = ZOrganizationMember.parse(
      ok(await t.request('PUT', rolesPath, { roleIds: [viewer.id] }), 200),
    );
    expect(replaced.roles).toEqual([viewer]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const query = `?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = ZOrganizationMemberList.parse(
        ok(await t.request('GET', `${t.org(org.id)}/members${query}`), 200),
      );
      seen.push(...page.data.map((m) => m.email));
      if (page.data[0]?.userId === ann) expect(page.data[0].roles).toEqual([viewer]);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['ann@example.com', 'bob@example.com', 'cid@example.com']);

    expect((await t.request('DELETE', `${t.org(org.id)}/members/${bob}`)).status).toBe(204);
    expect((await t.request('DELETE', `${t.org(org.id)}/members/${bob}`)).status).toBe(404);
    const left = ZOrganizationMemberList.parse(ok(await t.request('GET', `${t.org(org.id)}/members`), 200));
    expect(left.data.map((m) => m.userId)).toEqual([ann, cid]);
    expect((await t.request('GET', `/users/${bob}`)).status).toBe(200);
    expect((await t.auditActions()).filter((a) => a.startsWith('organization.'))).toEqual([
      'organization.create',
      'organization.member.add',
      'organization.member.add',
      'organization.member.add',
      'organization.member.roles.set',
      'organization.member.roles.set',
      'organization.member.remove',
    ]);
  });

  it('refuses a second membership (409), unknown users (400 userId) and unknown roles (400 roleIds[i])', async () => {
    const t = await tenant('mem-invalid');
    const org = await t.createOrganization({ name: 'Acme', slug: 'acme' });
    const userId = await t.createUser('ann@example.com');
    const role = await t.createRole('admin');
    await t.addMember(org.id, userId);
    const twice = await t.request('POST', `${t.org(org.id)}/members`, { userId });
    expect(twice.status).toBe(409);
    expect(problemCode(twice)).toBe('already-member');

    const members = `${t.org(org.id)}/members`;
    const stranger = await t.request('POST', members, { userId: '00000000-0000-4000-8000-000000000000' });
    expect(stranger.status).toBe(400);
    expect(errorPaths(stranger)).toEqual(['userId']);
    expect(errorPaths(await t.request('POST', members, { userId: 'nope' }))).toEqual(['userId']);
    const otherTenantUser = await (await tenant('mem-invalid-2')).createUser('ann@example.com');
    expect(errorPaths(await t.request('POST', members, { userId: otherTenantUser }))).toEqual(['userId']);
    const deleted = await t.createUser('gone@example.com');
    ok(await t.request('DELETE', `/users/${deleted}`), 204);
    expect(errorPaths(await t.request('POST', members, { userId: deleted }))).toEqual(['userId']);

    const rolesPath = `${members}/${userId}/roles`;
    const unknown = await t.request('PUT', rolesPath, {
      roleIds: [role.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(400);
    expect(errorPaths(unknown)).toEqual(['roleIds[1]']);
    expect(errorPaths(await t.request('PUT', rolesPath, { roleIds: [role.id, role.id] }))).toEqual([
      'roleIds',
    ]);
    expect(errorPaths(await t.request('PUT', rolesPath, { roleIds: ['x'] }))).toEqual(['roleIds[0]']);
    expect(errorPaths(await t.request('PUT', rolesPath, {}))).toEqual(['roleIds']);
    const notMember = await t.request('PUT', `${members}/${otherTenantUser}/roles`, { roleIds: [] });
    expect(notMember.status).toBe(404);
    const member = ZOrganizationMemberList.parse(ok(await t.request('GET', members), 200)).data[0];
    expect(member?.roles).toEqual([]);
  });
});

describe('invitations', () => {
  const setUp = async (slug: string) => {
    const t = await tenant(slug);
    const org = await t.createOrganization({ name: 'Acme', slug: 'acme' });
    return { t, org, path: `${t.org(org.id)}/invitations` };
  };

  it('creates an invitation with a one-time token and accept URL; lists it without the token', async () => {
    const { t, org, path } = await setUp('inv-create');
    const role = await t.createRole('member');
    const before = Date.now();
    const created = await t.invite(org.id, { email: 'New.Person@Example.com', roleIds: [role.id] });
    expect(created).toMatchObject({
      organizationId: org.id,
      email: 'New.Person@Example.com',
      roleIds: [role.id],
      status: 'pending',
      acceptedAt: null,
      acceptedUserId: null,
      revokedAt: null,
    });
    const week = 168 * 3_600_000;
    expect(Date.parse(created.expiresAt)).toBeGreaterThanOrEqual(before + week - 1000);
    expect(Date.parse(created.expiresAt)).toBeLessThanOrEqual(Date.now() + week + 1000);
    const url = new URL(created.acceptUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}/t/inv-create/login/invitations/accept`);
    expect(url.searchParams.get('token')).toBe(created.token);

    const shortLived = await t.invite(org.id, { email: 'soon@example.com', expiresInHours: 1 });
    expect(Date.parse(shortLived.expiresAt) - Date.parse(shortLived.createdAt)).toBeCloseTo(3_600_000, -4);

    const listed = await t.request('GET', path);
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
    const { token: _token, acceptUrl: _url, ...shown } = created;
    expect(ZInvitationList.parse(listed.body).data).toEqual([
      expect.objectContaining({ email: 'soon@example.com' }),
      shown,
    ]);
    const stored = await fixture.prisma.invitation.findFirst({ where: { id: created.id } });
    expect(JSON.stringify(stored)).not.toContain(created.token);
    expect(await t.auditActions()).toEqual([
      'organization.create',
      'organization.invitation.create',
      'organization.invitation.create',
    ]);
  });

  it('validates the body with field paths, roles included; inviting a member is 409', async () => {
    const { t, org, path } = await setUp('inv-invalid');
    const res = await t.request('POST', path, { email: 'nope', expiresInHours: 721, roleIds: ['x'] });
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toEqual(['email', 'expiresInHours', 'roleIds[0]']);
    expect(errorPaths(await t.request('POST', path, { email: 'a@example.com', expiresInHours: 0 }))).toEqual([
      'expiresInHours',
    ]);
    expect(
      errorPaths(await t.request('POST', path, { email: 'a@example.com', expiresInHours: 1.5 })),
    ).toEqual(['expiresInHours']);
    const unknownRole = await t.request('POST', path, {
      email: 'a@example.com',
      roleIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(errorPaths(unknownRole)).toEqual(['roleIds[0]']);
    const memberId = await t.createUser('member@example.com');
    await t.addMember(org.id, memberId);
    const exact = await t.request('POST', path, { email: 'Member@Example.com' });
    expect(exact.status).toBe(409);
    expect(problemCode(exact)).toBe('already-member');
    expect(errorPaths(exact)).toEqual(['email']);
  });

  it('accepting creates a verified user, adds the membership and the invited roles, exactly once', async () => {
    const { t, org } = await setUp('inv-accept-new');
    const admin = await t.createRole('admin');
    const gone = await t.createRole('gone');
    const invitation = await t.invite(org.id, {
      email: 'Newcomer@Example.com',
      roleIds: [admin.id, gone.id],
    });
    // A role deleted since the invitation was sent is simply not granted.
    await fixture.prisma.role.delete({ where: { tenantId_id: { tenantId: t.tenantId, id: gone.id } } });
    const accepted = ZInvitationAcceptance.parse(
      ok(await t.accept({ token: invitation.token, user: { givenName: 'New', familyName: 'Comer' } }), 200),
    );
    expect(accepted.userCreated).toBe(true);
    expect(accepted.invitation).toMatchObject({ id: invitation.id, status: 'accepted' });
    expect(accepted.invitation.acceptedUserId).toBe(accepted.member.userId);
    expect(accepted.member).toMatchObject({
      email: 'Newcomer@Example.com',
      givenName: 'New',
      roles: [admin],
    });
    const user = ZUser.parse(ok(await t.request('GET', `/users/${accepted.member.userId}`), 200));
    expect(user).toMatchObject({ email: 'Newcomer@Example.com', emailVerified: true, familyName: 'Comer' });

    const again = await t.accept({ token: invitation.token });
    expect(again.status).toBe(409);
    expect(problemCode(again)).toBe('invitation-used');
    const members = ZOrganizationMemberList.parse(
      ok(await t.request('GET', `${t.org(org.id)}/members`), 200),
    );
    expect(members.data).toEqual([accepted.member]);
    expect(await t.auditActions()).toEqual([
      'organization.create',
      'organization.invitation.create',
      'user.create',
      'organization.member.add',
      'organization.invitation.accept',
    ]);
  });

  it('accepting links the existing user with that email, compared case-insensitively', async () => {
    const { t, org } = await setUp('inv-accept-existing');
    const userId = await t.createUser('Known@Example.com', { givenName: 'Known' });
    const invitation = await t.invite(org.id, { email: 'known@EXAMPLE.com' });
    const accepted = ZInvitationAcceptance.parse(
      ok(await t.accept({ token: invitation.token, user: { givenName: 'Ignored' } }), 200),
    );
    expect(accepted).toMatchObject({ userCreated: false, member: { userId, givenName: 'Known' } });
    const users = await t.request('GET', '/users');
    expect((users.body as { data: unknown[] }).data).toHaveLength(1);
  });

  it('rolls the whole acceptance back when it fails half-way: the invitation stays usable', async () => {
    const { t, org, path } = await setUp('inv-rollback');
    const userId = await t.createUser('deleted@example.com');
    const invitation = await t.invite(org.id, { email: 'deleted@example.com' });
    ok(await t.request('DELETE', `/users/${userId}`), 204);
    // The claim of the invitation ran before the deleted user was found: it must not stick.
    const res = await t.accept({ token: invitation.token });
    expect(res.status).toBe(409);
    expect(problemCode(res)).toBe('user-deleted');
    const listed = ZInvitationList.parse(ok(await t.request('GET', path), 200)).data;
    expect(listed).toEqual([
      expect.objectContaining({ id: invitation.id, status: 'pending', acceptedAt: null }),
    ]);
    expect(await fixture.prisma.membership.count({ where: { tenantId: t.tenantId } })).toBe(0);
    expect(await t.auditActions()).not.toContain('organization.invitation.accept');
  });

  it('refuses expired (410), revoked (409) and unknown (404) invitations, changing nothing', async () => {
    const { t, org, path } = await setUp('inv-refused');
    const expired = await t.invite(org.id, { email: 'late@example.com' });
    await t.expireInvitation(expired.id);
    const late = await t.accept({ token: expired.token });
    expect(late.status).toBe(410);
    expect(problemCode(late)).toBe('invitation-expired');

    const revoked = await t.invite(org.id, { email: 'unwanted@example.com' });
    expect((await t.request('DELETE', `${path}/${revoked.id}`)).status).toBe(204);
    expect((await t.request('DELETE', `${path}/${revoked.id}`)).status).toBe(204);
    const refused = await t.accept({ token: revoked.token });
    expect(refused.status).toBe(409);
    expect(problemCode(refused)).toBe('invitation-revoked');

    for (const token of [`lki_${'A'.repeat(43)}`, 'not-a-token']) {
      const unknown = await t.accept({ token });
      expect(unknown.status).toBe(404);
      expect(problemCode(unknown)).toBe('invitation-not-found');
    }
    expect(errorPaths(await t.accept({}))).toEqual(['token']);
    expect(errorPaths(await t.accept({ token: 'x', user: { givenName: 42 } }))).toEqual(['user.givenName']);

    const byStatus = async (status: string) =>
      ZInvitationList.parse(ok(await t.request('GET', `${path}?status=${status}`), 200)).data.map(
        (i) => i.id,
      );
    expect(await byStatus('expired')).toEqual([expired.id]);
    expect(await byStatus('revoked')).toEqual([revoked.id]);
    expect(await byStatus('pending')).toEqual([]);
    expect((await t.request('GET', '/users')).body).toMatchObject({ data: [] });
    expect(await fixture.prisma.membership.count({ where: { tenantId: t.tenantId } })).toBe(0);
    expect(await t.auditActions()).toEqual([
      'organization.create',
      'organization.invitation.create',
      'organization.invitation.create',
      'organization.invitation.revoke',
    ]);
  });

  it('cannot revoke an accepted invitation; unknown ids are 404', async () => {
    const { t, org, path } = await setUp('inv-revoke');
    const invitation = await t.invite(org.id, { email: 'in@example.com' });
    ok(await t.accept({ token: invitation.token }), 200);
    const res = await t.request('DELETE', `${path}/${invitation.id}`);
    expect(res.status).toBe(409);
    expect(problemCode(res)).toBe('invitation-used');
    for (const id of ['nope', '00000000-0000-4000-8000-000000000000']) {
      expect((await t.request('DELETE', `${path}/${id}`)).status).toBe(404);
    }
  });

  it('pages through invitations newest first', async () => {
    const { t, org, path } = await setUp('inv-pages');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await t.invite(org.id, { email: `p${i}@example.com` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = ZInvitationList.parse(
        ok(await t.request('GET', `${path}?limit=2${cursor ? `&cursor=${cursor}` : ''}`), 200),
      );
      seen.push(...page.data.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids.reverse());
  });

  it('lets exactly one of many concurrent accepts of one invitation succeed', async () => {
    const { t, org } = await setUp('inv-race');
    const role = await t.createRole('admin');
    for (let round = 0; round < 3; round++) {
      const invitation = await t.invite(org.id, { email: `race${round}@example.com`, roleIds: [role.id] });
      const results = await Promise.all(
        Array.from({ length: 6 }, () => t.accept({ token: invitation.token })),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
      for (const refused of results.filter((r) => r.status === 409)) {
        expect(problemCode(refused)).toBe('invitation-used');
      }
    }
    const where = { tenantId: t.tenantId };
    expect(await fixture.prisma.user.count({ where })).toBe(3);
    expect(await fixture.prisma.membership.count({ where })).toBe(3);
    expect(await fixture.prisma.membershipRole.count({ where })).toBe(3);
    const accepts = (await t.auditActions()).filter((a) => a === 'organization.invitation.accept');
    expect(accepts).toHaveLength(3);
  });

  it('creates one user when two invitations of one new email are accepted at once', async () => {
    const t = await tenant('inv-race-email');
    const first = await t.createOrganization({ name: 'One', slug: 'one' });
    const second = await t.createOrganization({ name: 'Two', slug: 'two' });
    const a = await t.invite(first.id, { email: 'both@example.com' });
    const b = await t.invite(second.id, { email: 'Both@Example.com' });
    const results = await Promise.all([t.accept({ token: a.token }), t.accept({ token: b.token })]);
    const [ra, rb] = results.map((r) => ZInvitationAcceptance.parse(ok(r, 200)));
    expect(ra?.member.userId).toBe(rb?.member.userId);
    expect([ra?.userCreated, rb?.userCreated].sort()).toEqual([false, true]);
    expect(await fixture.prisma.user.count({ where: { tenantId: t.tenantId } })).toBe(1);
  });
});

describe('tenant isolation', () => {
  it("answers 404 for another tenant's organization and its children, and changes nothing", async () => {
    const a = await tenant('orgs-iso-a');
    const b = await tenant('orgs-iso-b');
    const org = await a.createOrganization({ name: 'Victim', slug: 'victim' });
    const userId = await a.createUser('victim@example.com');
    await a.addMember(org.id, userId);
    const domain = await a.addDomain(org.id, 'victim.example');
    const invitation = await a.invite(org.id, { email: 'x@example.com' });
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', b.org(org.id)],
      ['PATCH', b.org(org.id), { name: 'Hacked' }],
      ['DELETE', b.org(org.id)],
      ['GET', `${b.org(org.id)}/domains`],
      ['POST', `${b.org(org.id)}/domains/${domain.id}/verify`],
      ['DELETE', `${b.org(org.id)}/domains/${domain.id}`],
      ['GET', `${b.org(org.id)}/members`],
      ['DELETE', `${b.org(org.id)}/members/${userId}`],
      ['PUT', `${b.org(org.id)}/members/${userId}/roles`, { roleIds: [] }],
      ['GET', `${b.org(org.id)}/invitations`],
      ['DELETE', `${b.org(org.id)}/invitations/${invitation.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await b.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('victim');
    }
    // The token is bound to its tenant: B cannot accept A's invitation.
    expect(problemCode(await b.accept({ token: invitation.token }))).toBe('invitation-not-found');
    expect(ok(await a.request('GET', a.org(org.id)), 200)).toEqual(org);
    const invitations = ZInvitationList.parse(
      ok(await a.request('GET', `${a.org(org.id)}/invitations`), 200),
    );
    expect(invitations.data[0]?.status).toBe('pending');
    const members = ZOrganizationMemberList.parse(
      ok(await a.request('GET', `${a.org(org.id)}/members`), 200),
    );
    expect(members.data.map((m) => m.userId)).toEqual([userId]);
  });
});
