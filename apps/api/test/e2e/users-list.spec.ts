import type { TUserList } from '@latchkey/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { errorPaths, ManagementFixture, usersOfNewTenant } from '../support/management.js';
import { freePort } from '../support/ports.js';

/** Listing users: validation of the query, keyset pagination, filters and prefix search. */

let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;

beforeAll(async () => {
  db = await createTestDatabase('users_list');
  api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url }, await freePort());
  fixture = ManagementFixture.open(db.url, api.baseUrl);
});

afterEach(() => {
  expect(api.logs.filter((line) => line.level >= 50)).toEqual([]);
});

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

const tenant = (slug: string) => usersOfNewTenant(fixture, slug);
const emails = async (list: Promise<TUserList>) => (await list).data.map((u) => u.email).sort();

describe('list', () => {
  it('names the invalid query parameter', async () => {
    const t = await tenant('list-invalid');
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${Buffer.from('{"createdAt":"x","id":"y"}').toString('base64url')}`, 'cursor'],
      ['status=gone', 'status'],
      ['emailVerified=yes', 'emailVerified'],
      ['q=a%00b', 'q'],
    ]) {
      const res = await t.client.request('GET', `${t.path}?${query}`);
      expect(res.status, query).toBe(400);
      expect(errorPaths(res), query).toEqual([path]);
    }
  });

  it('pages newest first with no duplicates and no gaps, ties on the timestamp included', async () => {
    const t = await tenant('list-pages');
    const base = Date.parse('2026-01-01T00:00:00Z');
    // Groups of four share a timestamp, so the id must break the ties across page boundaries.
    await fixture.prisma.user.createMany({
      data: Array.from({ length: 23 }, (_, i) => ({
        tenantId: t.tenantId,
        email: `u${i}@example.com`,
        emailNormalized: `u${i}@example.com`,
        createdAt: new Date(base + Math.floor(i / 4) * 1000),
      })),
    });
    const rows = await fixture.prisma.user.findMany({ where: { tenantId: t.tenantId } });
    const expected = rows
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1))
      .map((u) => u.id);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.list(`?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      // A user created while paging is newer than every cursor: it shifts nothing.
      if (!cursor) await t.create({ email: 'late@example.com' });
      seen.push(...page.data.map((u) => u.id));
      sizes.push(page.data.length);
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([5, 5, 5, 5, 3]);
    expect(seen).toEqual(expected);

    const all = await t.list('?limit=24');
    expect(all.data).toHaveLength(24);
    expect(all.nextCursor).toBeUndefined();
  });

  it('searches by prefix, case-insensitively, over email, username and names', async () => {
    const t = await tenant('list-search');
    await t.create({ email: 'Alice.Smith@Example.com', givenName: 'Alice', emailVerified: true });
    await t.create({ email: 'ALICIA@example.com', username: 'Ally' });
    await t.create({ email: 'mal.alice@example.com', givenName: 'Mal' });
    await t.create({ email: 'bob@example.com', givenName: 'Bob', familyName: 'Alistair' });
    await t.create({ email: 'axb@example.com', displayName: 'Zed 100%' });

    expect(await emails(t.list('?q=ALIC'))).toEqual(['ALICIA@example.com', 'Alice.Smith@Example.com']);
    expect(await emails(t.list('?q=ali'))).toEqual([
      'ALICIA@example.com',
      'Alice.Smith@Example.com',
      'bob@example.com',
    ]);
    expect(await emails(t.list('?q=ALLY'))).toEqual(['ALICIA@example.com']);
    expect(await emails(t.list('?q=zed'))).toEqual(['axb@example.com']);
    expect(await emails(t.list('?q=ali&emailVerified=true'))).toEqual(['Alice.Smith@Example.com']);
    expect(await emails(t.list('?emailVerified=false'))).toHaveLength(4);
    // LIKE wildcards in `q` are plain characters.
    expect(await emails(t.list('?q=a_'))).toEqual([]);
    expect(await emails(t.list(`?q=${encodeURIComponent('%')}`))).toEqual([]);
    expect(await emails(t.list(`?q=${encodeURIComponent('Zed 100%')}`))).toEqual(['axb@example.com']);
    expect(await emails(t.list(`?q=${encodeURIComponent('\\')}`))).toEqual([]);
  });
});
