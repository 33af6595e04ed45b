import { type TUserList, ZUser } from '@latchkey/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import {
  type ApiResponse,
  errorPaths,
  type ManagementClient,
  ManagementFixture,
  problemCode,
  usersOfNewTenant,
} from '../support/management.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;

beforeAll(async () => {
  db = await createTestDatabase('users');
  api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url }, await freePort());
  fixture = ManagementFixture.open(db.url, api.baseUrl);
});

// Every request here is either fine or the client's mistake: nothing may be logged as our failure.
afterEach(() => {
  expect(api.logs.filter((line) => line.level >= 50)).toEqual([]);
});

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

/** Each test works in a tenant of its own, so none depends on another's users. */
const tenant = (slug: string) => usersOfNewTenant(fixture, slug);
const emails = async (list: Promise<TUserList>) => (await list).data.map((u) => u.email).sort();

describe('create', () => {
  it('answers 201 with the user as sent, and reads it back the same', async () => {
    const t = await tenant('create-full');
    const sent = {
      email: 'Ann.Lee@Example.com',
      emailVerified: true,
      username: 'Ann_Lee',
      phone: '+4915112345678',
      givenName: 'Ann',
      familyName: 'Lee',
      displayName: 'Ann Lee',
      picture: 'https://cdn.example.com/ann.png',
      locale: 'de-CH',
      zoneinfo: 'Europe/Zurich',
      publicMetadata: { theme: 'dark', tags: ['a', 'b'], nested: { n: 1, ok: true, none: null } },
      privateMetadata: { plan: 'pro', seats: 5 },
    };
    const created = await t.create(sent);
    expect(created).toMatchObject({ ...sent, status: 'active', lastSignInAt: null });
    // Exactly the contract's fields: no tenant id, normalized copies or deletion bookkeeping.
    expect(Object.keys(created).sort()).toEqual(Object.keys(ZUser.shape).sort());
    const read = await t.client.request('GET', `${t.path}/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created);
  });

  it('stores a password as argon2id only, never returns it, and can replace or remove it', async () => {
    const t = await tenant('create-password');
    const created = await t.create({ email: 'pw@example.com', password: 'a long enough passphrase' });
    expect(JSON.stringify(created)).not.toContain('passphrase');
    expect(Object.keys(created)).not.toContain('password');
    const stored = async () =>
      (await fixture.prisma.user.findFirstOrThrow({ where: { tenantId: t.tenantId, id: created.id } }))
        .passwordHash;
    const first = await stored();
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    expect(
      (await t.client.request('PATCH', `${t.path}/${created.id}`, { password: 'another passphrase!' }))
        .status,
    ).toBe(200);
    const second = await stored();
    expect(second).toMatch(/^\$argon2id\$/);
    expect(second).not.toBe(first);
    expect((await t.client.request('PATCH', `${t.path}/${created.id}`, { password: null })).status).toBe(200);
    expect(await stored()).toBeNull();
    // Removing it again changes nothing and records nothing.
    const audited = () =>
      fixture.prisma.auditEvent.count({ where: { tenantId: t.tenantId, targetId: created.id } });
    const before = await audited();
    expect((await t.client.request('PATCH', `${t.path}/${created.id}`, { password: null })).status).toBe(200);
    expect(await audited()).toBe(before);

    const short = await t.client.request('POST', t.path, { email: 'short@example.com', password: 'short' });
    expect(short.status).toBe(400);
    expect(errorPaths(short)).toEqual(['password']);
  });

  it('defaults everything but the email', async () => {
    const t = await tenant('create-min');
    expect(await t.create({ email: 'min@example.com' })).toMatchObject({
      emailVerified: false,
      username: null,
      givenName: null,
      publicMetadata: {},
      privateMetadata: {},
      status: 'active',
    });
  });

  it('lists every invalid field of the body', async () => {
    const t = await tenant('create-invalid');
    const res = await t.client.request('POST', t.path, {
      email: 'not-an-email',
      username: '-dash-first',
      phone: '0151 123',
      picture: 'javascript:alert(1)',
      locale: 'EN_us!',
      publicMetadata: ['not', 'an', 'object'],
    });
    expect(res.status).toBe(400);
    expect(problemCode(res)).toBe('validation-failed');
    expect(errorPaths(res)).toEqual(['email', 'locale', 'phone', 'picture', 'publicMetadata', 'username']);
    expect((await t.client.request('POST', t.path, { email: 'a@example.com', tenantId: 'x' })).status).toBe(
      400,
    );
    expect(errorPaths(await t.client.request('POST', t.path, {}))).toEqual(['email']);
  });

  it('answers 400, never 500, for text and JSON PostgreSQL cannot store', async () => {
    const t = await tenant('create-unstorable');
    let deep: unknown = 'leaf';
    for (let i = 0; i < 500; i++) deep = [deep];
    const res = await t.client.request('POST', t.path, {
      email: 'nul@example.com',
      givenName: 'a\u0000b',
      privateMetadata: { deep },
    });
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toEqual(['givenName', expect.stringMatching(/^privateMetadata\.deep\[0\]/)]);
  });

  it('treats emails and usernames as taken case-insensitively (409)', async () => {
    const t = await tenant('create-taken');
    await t.create({ email: 'Taken@Example.com', username: 'Taken' });
    const email = await t.client.request('POST', t.path, { email: 'taken@EXAMPLE.com' });
    expect(email.status).toBe(409);
    expect(problemCode(email)).toBe('email-taken');
    expect(errorPaths(email)).toEqual(['email']);
    const username = await t.client.request('POST', t.path, {
      email: 'other@example.com',
      username: 'TAKEN',
    });
    expect(username.status).toBe(409);
    expect(problemCode(username)).toBe('username-taken');
    // Uniqueness is per tenant.
    await (await tenant('create-taken-2')).create({ email: 'taken@example.com', username: 'taken' });
  });

  it('lets exactly one of two concurrent creates of the same email win', async () => {
    const t = await tenant('create-race');
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([
        t.client.request('POST', t.path, { email: `Race${round}@example.com` }),
        t.client.request('POST', t.path, { email: `race${round}@EXAMPLE.com` }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(problemCode(results.find((r) => r.status === 409) as ApiResponse)).toBe('email-taken');
    }
    expect((await t.list()).data).toHaveLength(5);
  });
});

describe('get', () => {
  it('answers 404 for ids that are not UUIDs and for unknown ones', async () => {
    const t = await tenant('get-missing');
    for (const id of ['not-a-uuid', "1' OR '1'='1", '00000000-0000-4000-8000-000000000000']) {
      const res = await t.client.request('GET', `${t.path}/${encodeURIComponent(id)}`);
      expect(res.status).toBe(404);
      expect(problemCode(res)).toBe('not-found');
    }
  });
});

describe('tenant isolation', () => {
  it("answers 404 for another tenant's user on every route, and changes nothing", async () => {
    const a = await tenant('iso-a');
    const b = await tenant('iso-b');
    const user = await a.create({ email: 'victim@example.com', givenName: 'Vic' });
    const viaB = `${b.path}/${user.id}`;
    for (const [method, body] of [['GET'], ['PATCH', { givenName: 'Hacked' }], ['DELETE']] as const) {
      const res = await b.client.request(method, viaB, body);
      expect(res.status, method).toBe(404);
      expect(problemCode(res)).toBe('not-found');
    }
    // B's key cannot name A's tenant either: it does not exist for B.
    const direct = await b.client.request('GET', `${a.path}/${user.id}`);
    expect(direct.status).toBe(404);
    expect(problemCode(direct)).toBe('tenant-not-found');
    expect((await b.list()).data).toEqual([]);
    expect((await a.client.request('GET', `${a.path}/${user.id}`)).body).toEqual(user);
    // A platform key reaches A's user only through A's path.
    const platform = await fixture.clientFor('system');
    expect((await platform.request('GET', `${a.path}/${user.id}`)).status).toBe(200);
    expect((await platform.request('GET', `${b.path}/${user.id}`)).status).toBe(404);
  });
});

describe('update (PATCH)', () => {
  const patch = (client: ManagementClient, path: string, body: unknown) =>
    client.request('PATCH', path, body);

  it('changes only the fields sent; null clears; metadata is replaced whole', async () => {
    const t = await tenant('update-fields');
    const user = await t.create({
      email: 'p@example.com',
      username: 'pat',
      givenName: 'Pat',
      familyName: 'Doe',
      publicMetadata: { a: 1, keep: false },
      privateMetadata: { secret: 's' },
    });
    const res = await patch(t.client, `${t.path}/${user.id}`, {
      familyName: null,
      username: null,
      displayName: 'P. D.',
      publicMetadata: { b: 2 },
    });
    expect(res.status).toBe(200);
    const updated = ZUser.parse(res.body);
    expect(updated).toEqual({
      ...user,
      familyName: null,
      username: null,
      displayName: 'P. D.',
      publicMetadata: { b: 2 },
      updatedAt: updated.updatedAt,
    });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(user.updatedAt));
    // The cleared username is free again.
    await t.create({ email: 'q@example.com', username: 'PAT' });
  });

  it('re-normalizes a new email and unverifies it unless told otherwise', async () => {
    const t = await tenant('update-email');
    const user = await t.create({ email: 'old@example.com', emailVerified: true });
    const path = `${t.path}/${user.id}`;
    const sameInOtherCase = ZUser.parse((await patch(t.client, path, { email: 'OLD@example.com' })).body);
    expect(sameInOtherCase).toMatchObject({ email: 'OLD@example.com', emailVerified: true });
    const moved = ZUser.parse((await patch(t.client, path, { email: 'New@Example.com' })).body);
    expect(moved).toMatchObject({ email: 'New@Example.com', emailVerified: false });
    const verified = ZUser.parse(
      (await patch(t.client, path, { email: 'n2@example.com', emailVerified: true })).body,
    );
    expect(verified.emailVerified).toBe(true);
    expect(await emails(t.list('?q=NEW'))).toEqual([]);
    expect(await emails(t.list('?q=N2'))).toEqual(['n2@example.com']);
    await t.create({ email: 'old@example.com' });
  });

  it('answers 409 for an email or username another user holds, changing nothing', async () => {
    const t = await tenant('update-taken');
    await t.create({ email: 'first@example.com', username: 'first' });
    const second = await t.create({ email: 'second@example.com' });
    const path = `${t.path}/${second.id}`;
    const email = await patch(t.client, path, { email: 'FIRST@example.com', givenName: 'X' });
    expect(email.status).toBe(409);
    expect(problemCode(email)).toBe('email-taken');
    expect(problemCode(await patch(t.client, path, { username: 'First' }))).toBe('username-taken');
    expect((await t.client.request('GET', path)).body).toEqual(second);
  });

  it('suspends and reactivates; lists every invalid field; 404 for unknown ids', async () => {
    const t = await tenant('update-status');
    const user = await t.create({ email: 's@example.com' });
    const path = `${t.path}/${user.id}`;
    expect(ZUser.parse((await patch(t.client, path, { status: 'suspended' })).body).status).toBe('suspended');
    expect(ZUser.parse((await patch(t.client, path, { status: 'active' })).body).status).toBe('active');
    const invalid = await patch(t.client, path, {
      status: 'deleted',
      email: 'nope',
      picture: 'ftp://example.com/x.png',
      givenName: 42,
    });
    expect(invalid.status).toBe(400);
    expect(errorPaths(invalid)).toEqual(['email', 'givenName', 'picture', 'status']);
    expect((await patch(t.client, path, { id: user.id })).status).toBe(400);
    expect(errorPaths(await patch(t.client, path, { displayName: '\u0000' }))).toEqual(['displayName']);
    expect((await patch(t.client, `${t.path}/nope`, {})).status).toBe(404);
    expect((await patch(t.client, `${t.path}/00000000-0000-4000-8000-000000000000`, {})).status).toBe(404);
  });
});

describe('delete', () => {
  it('soft-deletes idempotently; the user stays readable, leaves the default list, keeps its email', async () => {
    const t = await tenant('delete');
    const user = await t.create({ email: 'Gone@Example.com', username: 'gone' });
    await t.create({ email: 'stays@example.com' });
    const path = `${t.path}/${user.id}`;
    for (let i = 0; i < 2; i++) {
      const res = await t.client.request('DELETE', path);
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();
    }
    const read = await t.client.request('GET', path);
    expect(read.status).toBe(200);
    expect(ZUser.parse(read.body).status).toBe('deleted');
    expect(await emails(t.list())).toEqual(['stays@example.com']);
    expect(await emails(t.list('?q=gone'))).toEqual([]);
    expect(await emails(t.list('?status=deleted'))).toEqual(['Gone@Example.com']);
    const reuse = await t.client.request('POST', t.path, { email: 'gone@example.com' });
    expect(problemCode(reuse)).toBe('email-taken');
    const revive = await t.client.request('PATCH', path, { status: 'active' });
    expect(revive.status).toBe(409);
    expect(problemCode(revive)).toBe('user-deleted');
    expect((await t.client.request('DELETE', `${t.path}/nope`)).status).toBe(404);
    expect((await t.client.request('DELETE', `${t.path}/00000000-0000-4000-8000-000000000000`)).status).toBe(
      404,
    );
  });
});

describe('audit trail', () => {
  it('records each change with the key that made it; refused and no-op writes record nothing', async () => {
    const t = await tenant('audit');
    const user = await t.create({ email: 'audited@example.com' });
    const path = `${t.path}/${user.id}`;
    expect((await t.client.request('PATCH', path, { givenName: 'Aud' })).status).toBe(200);
    expect((await t.client.request('POST', t.path, { email: 'AUDITED@example.com' })).status).toBe(409);
    expect((await t.client.request('PATCH', path, { email: 'nope' })).status).toBe(400);
    expect((await t.client.request('PATCH', path, {})).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await t.client.request('DELETE', path)).status).toBe(204);

    const events = await fixture.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId } });
    expect(events.map((e) => `${e.action} ${e.targetId}`).sort()).toEqual(
      ['user.create', 'user.delete', 'user.update'].map((action) => `${action} ${user.id}`),
    );
    expect(events.find((e) => e.action === 'user.update')?.changes).toEqual({ fields: ['givenName'] });
    expect(new Set(events.map((e) => e.actorId)).size).toBe(1);
  });
});
