import { organizationRoutes, tenantRoutes, userRoutes } from '@latchkey/contracts';
import { createLatchkeyClient, LatchkeyApiError } from '@latchkey/sdk';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { LatchkeyProcess, runToExit } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;
let api: LatchkeyProcess;
let client: ReturnType<typeof createLatchkeyClient>;

beforeAll(async () => {
  db = await createTestDatabase('sdk');
  api = await LatchkeyProcess.startApi({ DATABASE_URL: db.url }, await freePort());
  const cli = await runToExit('cli', { DATABASE_URL: db.url }, 60_000, [
    'api-key',
    'create',
    '--tenant',
    'system',
    '--name',
    'sdk',
    '--json',
  ]);
  client = createLatchkeyClient({
    baseUrl: api.baseUrl,
    apiKey: (JSON.parse(cli.stdout) as { key: string }).key,
  });
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('the typed SDK, derived from the route contracts', () => {
  it('creates, reads, lists and deletes with types from the contracts', async () => {
    const tenant = await client.call(tenantRoutes.createTenant, {
      body: { slug: 'sdk-co', displayName: 'SDK Co' },
    });
    expectTypeOf(tenant.settings.passwordPolicy.minLength).toEqualTypeOf<number>();

    const user = await client.call(userRoutes.createUser, {
      params: { tenant: tenant.slug },
      body: { email: 'ada@example.com', givenName: 'Ada' },
    });
    expectTypeOf(user.email).toEqualTypeOf<string>();
    const read = await client.call(userRoutes.getUser, { params: { tenant: 'sdk-co', userId: user.id } });
    expect(read).toMatchObject({ email: 'ada@example.com', givenName: 'Ada', status: 'active' });

    const page = await client.call(userRoutes.listUsers, {
      params: { tenant: 'sdk-co' },
      query: { q: 'ADA', limit: 5 },
    });
    expect(page.data.map((u) => u.id)).toEqual([user.id]);

    const org = await client.call(organizationRoutes.createOrganization, {
      params: { tenant: 'sdk-co' },
      body: { name: 'Acme', slug: 'acme' },
    });
    expect(org.slug).toBe('acme');

    const deleted = await client.call(userRoutes.deleteUser, {
      params: { tenant: 'sdk-co', userId: user.id },
    });
    expect(deleted).toBeUndefined();
  });

  it('throws the problem of a refused call', async () => {
    const error = await client
      .call(userRoutes.createUser, { params: { tenant: 'sdk-co' }, body: { email: 'ada@example.com' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LatchkeyApiError);
    expect((error as LatchkeyApiError).problem).toMatchObject({
      status: 409,
      type: 'https://latchkey.dev/problems/email-taken',
    });
  });

  it('requires every path parameter at compile time', () => {
    // @ts-expect-error userId is missing
    const call = () => client.call(userRoutes.getUser, { params: { tenant: 'sdk-co' } });
    expect(call).toBeTypeOf('function');
  });
});
