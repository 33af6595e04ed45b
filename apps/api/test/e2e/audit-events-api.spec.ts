import { ZAuditEventList } from '@latchkey/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { errorPaths, type ManagementClient, ManagementFixture } from '../support/management.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let admin: ManagementClient;
const base = '/api/v1/tenants/audited';

const list = async (query = '') => {
  const res = await admin.request('GET', `${base}/audit-events${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ZAuditEventList.parse(res.body);
};

beforeAll(async () => {
  db = await createTestDatabase('audit_api');
  api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url }, await freePort());
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  ({ client: admin } = await fixture.tenantWithClient('audited'));
  const user = await admin.request('POST', `${base}/users`, {
    email: 'a@example.com',
    password: 'a secret passphrase',
  });
  const id = (user.body as { id: string }).id;
  await admin.request('PATCH', `${base}/users/${id}`, { givenName: 'Ada' });
  await admin.request('POST', `${base}/roles`, { name: 'auditor' });
});

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

describe('the audit trail', () => {
  it('lists management changes newest first, with actor, target and request context, never secrets', async () => {
    const events = await list();
    expect(events.data.map((e) => e.action)).toEqual(['role.create', 'user.update', 'user.create']);
    const [, update, create] = events.data;
    expect(update).toMatchObject({
      actor: { type: 'api-key' },
      target: { type: 'user', id: create?.target.id },
      changes: { fields: ['givenName'] },
    });
    expect(update?.requestId).toEqual(expect.any(String));
    expect(update?.userAgent).toEqual(expect.any(String));
    expect(JSON.stringify(events)).not.toContain('a secret passphrase');
  });

  it('filters by action, action prefix, target and time, and pages with a cursor', async () => {
    expect((await list('?action=user.create')).data.map((e) => e.action)).toEqual(['user.create']);
    expect((await list('?action=user.')).data.map((e) => e.action)).toEqual(['user.update', 'user.create']);
    const all = await list();
    const userId = all.data[2]?.target.id as string;
    expect((await list(`?targetType=user&targetId=${userId}`)).data).toHaveLength(2);
    expect(
      (await list(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).data,
    ).toEqual([]);

    const first = await list('?limit=2');
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toBeDefined();
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((e) => e.action)).toEqual(['user.create']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('answers bad filters with field paths', async () => {
    const res = await admin.request(
      'GET',
      `${base}/audit-events?action=DROP%20TABLE&since=yesterday&cursor=nope`,
    );
    expect(res.status).toBe(400);
    expect(errorPaths(res).sort()).toEqual(['action', 'since']);
    const cursor = await admin.request('GET', `${base}/audit-events?cursor=bm9wZQ`);
    expect(cursor.status).toBe(400);
    expect(errorPaths(cursor)).toEqual(['cursor']);
  });

  it("never shows another tenant's trail", async () => {
    const { client: other } = await fixture.tenantWithClient('other-audited');
    expect((await other.request('GET', `${base}/audit-events`)).status).toBe(404);
    const own = await other.request('GET', '/api/v1/tenants/other-audited/audit-events');
    expect((own.body as { data: unknown[] }).data).toEqual([]);
  });
});
