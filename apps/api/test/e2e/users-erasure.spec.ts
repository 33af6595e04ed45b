import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { createPostgresBackend } from 'bullmq/dist/cjs/postgres/index.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeDeletedUsersJob } from '../../src/modules/identity/jobs/purge-deleted-users.job.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { TenantDatabase } from '../../src/platform/database/tenant-database.js';
import { ChangeBus } from '../../src/platform/events/change-bus.js';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type ManagementClient, ManagementFixture } from '../support/management.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let client: ManagementClient;
let tenantId: string;

const createUser = async (email: string) => {
  const res = await client.request('POST', '/api/v1/tenants/erasure/users', { email, givenName: 'Erin' });
  expect(res.status).toBe(201);
  return (res.body as { id: string }).id;
};

beforeAll(async () => {
  db = await createTestDatabase('erasure');
  api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url }, await freePort());
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  ({ id: tenantId, client } = await fixture.tenantWithClient('erasure'));
});

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

describe('erasure (GDPR)', () => {
  it('removes the user at once; the email is free again; the audit keeps no personal data', async () => {
    const id = await createUser('erin@example.com');
    expect((await client.request('POST', `/api/v1/tenants/erasure/users/${id}/erase`)).status).toBe(204);
    expect((await client.request('GET', `/api/v1/tenants/erasure/users/${id}`)).status).toBe(404);
    expect((await client.request('POST', `/api/v1/tenants/erasure/users/${id}/erase`)).status).toBe(404);
    await createUser('ERIN@example.com');

    const events = await fixture.prisma.auditEvent.findMany({ where: { tenantId, targetId: id } });
    expect(events.map((e) => e.action).sort()).toEqual(['user.create', 'user.erase']);
    expect(JSON.stringify(events)).not.toMatch(/erin@|Erin/i);
  });
});

describe('erasure takes the password history along', () => {
  it('leaves no earlier password hash behind, on erasure and on the purge', async () => {
    const platform = await fixture.clientFor('system');
    const patched = await platform.request('PATCH', '/api/v1/tenants/erasure', {
      settings: { passwordPolicy: { historySize: 3 } },
    });
    expect(patched.status).toBe(200);
    const withHistory = async (email: string) => {
      const res = await client.request('POST', '/api/v1/tenants/erasure/users', {
        email,
        password: 'the first password',
      });
      expect(res.status).toBe(201);
      const id = (res.body as { id: string }).id;
      const changed = await client.request('PATCH', `/api/v1/tenants/erasure/users/${id}`, {
        password: 'a brand new password',
      });
      expect(changed.status).toBe(200);
      return id;
    };
    const history = (userId: string) => fixture.prisma.passwordHistory.count({ where: { tenantId, userId } });

    const erased = await withHistory('hist-erased@example.com');
    expect(await history(erased)).toBe(1);
    expect((await client.request('POST', `/api/v1/tenants/erasure/users/${erased}/erase`)).status).toBe(204);
    expect(await history(erased)).toBe(0);

    // The purge deletes rows the same way (a foreign key with ON DELETE CASCADE does the rest).
    const purged = await withHistory('hist-purged@example.com');
    await fixture.prisma.user.deleteMany({ where: { tenantId, id: purged } });
    expect(await history(purged)).toBe(0);
  });
});

describe('purge of soft-deleted users', () => {
  it('is scheduled hourly when the API starts its workers', async () => {
    const queue = new Queue('system', { connection: { connectionString: db.url } }, createPostgresBackend);
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: 'identity.purge-deleted-users', every: 3_600_000 }),
        ]),
      );
    } finally {
      await queue.close();
    }
  });

  it('erases users deleted longer ago than the tenant retention, and only those', async () => {
    const old = await createUser('old@example.com');
    const recent = await createUser('recent@example.com');
    const alive = await createUser('alive@example.com');
    for (const id of [old, recent]) {
      expect((await client.request('DELETE', `/api/v1/tenants/erasure/users/${id}`)).status).toBe(204);
    }
    // Retention defaults to 30 days: age one deletion past it.
    await fixture.prisma.user.updateMany({
      where: { tenantId, id: old },
      data: { deletedAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) },
    });

    const result = await purgeDeletedUsersJob.handler(
      { tenantId },
      {
        jobId: 'test',
        attempt: 1,
        logger: pino({ level: 'silent' }),
        deps: {
          prisma: fixture.prisma,
          tenants: new TenantDatabase(fixture.prisma),
          secrets: new SecretBox(randomBytes(32)),
          changes: ChangeBus.inProcess(pino({ level: 'silent' })),
        },
      },
    );
    // The API's own worker runs the same scheduled job; whichever got there first purged the user.
    expect(result.purged).toBeLessThanOrEqual(1);
    expect((await client.request('GET', `/api/v1/tenants/erasure/users/${old}`)).status).toBe(404);
    expect((await client.request('GET', `/api/v1/tenants/erasure/users/${recent}`)).body).toMatchObject({
      status: 'deleted',
    });
    expect((await client.request('GET', `/api/v1/tenants/erasure/users/${alive}`)).status).toBe(200);
    const purges = await fixture.prisma.auditEvent.findMany({ where: { tenantId, action: 'user.purge' } });
    expect(purges).toEqual([
      expect.objectContaining({ actorType: 'system', changes: expect.objectContaining({ count: 1 }) }),
    ]);
  });
});
