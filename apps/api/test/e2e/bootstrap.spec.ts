import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/platform/crypto/password-hasher.js';
import { LatchkeyProcess, runToExit } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';

let db: TestDatabase;

/** The system tenant's users with their roles, read straight from the database. */
async function systemAdmins(): Promise<Array<{ email: string; password_hash: string; role: string }>> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      SELECT u.email, u.password_hash, r.name AS role
      FROM users u JOIN tenants t ON t.id = u.tenant_id AND t.slug = 'system'
      JOIN user_roles ur ON ur.tenant_id = u.tenant_id AND ur.user_id = u.id
      JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
      ORDER BY u.email`);
    return rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase('bootstrap');
});

afterAll(async () => {
  await db?.drop();
});

describe('platform admin bootstrap', () => {
  it('pnpm latchkey bootstrap creates the admin once, with an argon2id password', async () => {
    const args = [
      'bootstrap',
      '--email',
      'Ops@Example.com',
      '--password',
      'a long enough passphrase',
      '--json',
    ];
    const first = await runToExit('cli', { DATABASE_URL: db.url }, 60_000, args);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ email: 'Ops@Example.com' });

    const [admin] = await systemAdmins();
    expect(admin).toMatchObject({ email: 'Ops@Example.com', role: 'platform-admin' });
    expect(admin?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin?.password_hash ?? '', 'a long enough passphrase')).toBe(true);

    const again = await runToExit('cli', { DATABASE_URL: db.url }, 60_000, args);
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toMatch(/already exists in the system tenant/);
  });

  it('refuses a short password before touching anything', async () => {
    const res = await runToExit('cli', { DATABASE_URL: db.url }, 60_000, [
      'bootstrap',
      '--email',
      'x@example.com',
      '--password',
      'short',
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe('latchkey: --password must be at least 12 characters');
  });

  it('BOOTSTRAP_ADMIN_* at start creates an admin only while the system tenant has none', async () => {
    const other = await createTestDatabase('bootstrap_env');
    try {
      const env = {
        DATABASE_URL: other.url,
        BOOTSTRAP_ADMIN_EMAIL: 'first@example.com',
        BOOTSTRAP_ADMIN_PASSWORD: 'first admin passphrase',
      };
      const api = await LatchkeyProcess.startApi(env, await freePort());
      await api.stop();
      const second = await LatchkeyProcess.startApi(
        { ...env, BOOTSTRAP_ADMIN_EMAIL: 'second@example.com' },
        await freePort(),
      );
      await second.stop();
      const client = new pg.Client({ connectionString: other.url });
      await client.connect();
      const { rows } = await client.query(
        "SELECT u.email FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = 'system'",
      );
      await client.end();
      expect(rows).toEqual([{ email: 'first@example.com' }]);
    } finally {
      await other.drop();
    }
  });
});
