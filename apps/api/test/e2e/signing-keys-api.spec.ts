import { randomBytes } from 'node:crypto';
import {
  signingKeyRoutes,
  type TSigningKey,
  type TSigningKeyList,
  tenantRoutes,
  ZSigningKeyList,
} from '@latchkey/contracts';
import { createLatchkeyClient, type LatchkeyClient } from '@latchkey/sdk';
import { importJWK, type JWK, SignJWT } from 'jose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DEFINITIONS } from '../../src/jobs/registry.js';
import { AuditRepository } from '../../src/modules/audit/audit.repository.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { maintainSigningKeysJob } from '../../src/modules/signing-keys/jobs/maintain-signing-keys.job.js';
import { SigningKeysRepository } from '../../src/modules/signing-keys/signing-keys.repository.js';
import { SigningKeysService } from '../../src/modules/signing-keys/signing-keys.service.js';
import { TenancyRepository } from '../../src/modules/tenancy/tenancy.repository.js';
import { TenancyService } from '../../src/modules/tenancy/tenancy.service.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { TenantDatabase } from '../../src/platform/database/tenant-database.js';
import { ChangeBus, type TenantChange } from '../../src/platform/events/change-bus.js';
import { LatchkeyProcess } from '../support/api-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { errorPaths, type ManagementClient, ManagementFixture, problemCode } from '../support/management.js';
import { freePort } from '../support/ports.js';

/** The server's master key, so the test can open what it sealed (and check what it cannot). */
const MASTER_KEY = randomBytes(32);
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];
const RETENTION_MS = (24 * 3600 + 300) * 1000;
const DAY_MS = 24 * 3600 * 1000;

let db: TestDatabase;
let api: LatchkeyProcess;
let fixture: ManagementFixture;
let platform: ManagementClient;
let sdk: LatchkeyClient;

beforeAll(async () => {
  db = await createTestDatabase('signing_keys');
  // No worker in the API: the daily job would otherwise race the tests that run it by hand.
  api = await LatchkeyProcess.startApi(
    { DATABASE_URL: db.url, LATCHKEY_MASTER_KEY: MASTER_KEY.toString('base64'), LATCHKEY_WORKER: 'off' },
    await freePort(),
  );
  fixture = ManagementFixture.open(db.url, api.baseUrl);
  platform = await fixture.clientFor('system');
  const created = await platform.request('POST', '/api/v1/tenants/system/api-keys', { name: 'sdk' });
  sdk = createLatchkeyClient({ baseUrl: api.baseUrl, apiKey: (created.body as { key: string }).key });
});

afterAll(async () => {
  await fixture?.close();
  await api?.stop();
  await db?.drop();
});

/** A tenant created through the API (so with keys from its creation transaction). */
async function newTenant(slug: string, settings?: object) {
  const tenant = await sdk.call(tenantRoutes.createTenant, {
    body: { slug, displayName: slug, ...(settings ? { settings } : {}) },
  });
  return { id: tenant.id, slug, client: await fixture.clientFor(slug) };
}

const listKeys = (slug: string) => sdk.call(signingKeyRoutes.listSigningKeys, { params: { tenant: slug } });

const rotate = (slug: string, alg?: TSigningKey['alg']) =>
  sdk.call(signingKeyRoutes.rotateSigningKeys, { params: { tenant: slug }, body: alg ? { alg } : {} });

const byStatus = (list: TSigningKeyList, status: TSigningKey['status']) =>
  list.data.filter((key) => key.status === status);
const one = (list: TSigningKeyList, status: 'active' | 'next') => {
  const [key, ...more] = byStatus(list, status);
  expect(more, status).toEqual([]);
  return key as TSigningKey;
};

/** Every property name anywhere in a JSON value. */
function memberNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) memberNames(item, into);
  else if (value && typeof value === 'object') {
    for (const [name, inner] of Object.entries(value)) {
      into.add(name);
      memberNames(inner, into);
    }
  }
  return into;
}

const stored = (tenantId: string) => fixture.prisma.signingKey.findMany({ where: { tenantId } });

/** The service wired as the API wires it, on the test's own connection and master key. */
function service(changes = ChangeBus.inProcess(pino({ level: 'silent' }))) {
  return new SigningKeysService(
    new TenantDatabase(fixture.prisma),
    new SigningKeysRepository(),
    new SecretBox(MASTER_KEY),
    changes,
    new AuditService(new AuditRepository()),
  );
}

describe('provisioning', () => {
  it('gives a new tenant an active and a next key of its algorithm when it is created', async () => {
    const t = await newTenant('keys-new');
    // Read before any call of the signing keys API, which would provision on first use.
    const rows = await stored(t.id);
    expect(rows.map((r) => [r.status, r.alg]).sort()).toEqual([
      ['active', 'ES256'],
      ['next', 'ES256'],
    ]);
    const list = await listKeys('keys-new');
    expect(list.data.map((k) => k.status)).toEqual(['active', 'next']);
    expect(one(list, 'active').activatedAt).not.toBeNull();
    expect(one(list, 'next')).toMatchObject({ activatedAt: null, retiredAt: null, expiresAt: null });
    for (const key of list.data)
      expect(key.publicJwk).toMatchObject({ kid: key.kid, alg: key.alg, use: 'sig' });

    const eddsa = await newTenant('keys-new-eddsa', { signingKeys: { algorithm: 'EdDSA' } });
    expect((await stored(eddsa.id)).map((r) => r.alg)).toEqual(['EdDSA', 'EdDSA']);
  });

  it('provisions inside the transaction that inserts the tenant, entered as that tenant', async () => {
    const seen: Array<{ tenant: string | null; role: string }> = [];
    const failing = new TenancyService(new TenancyRepository(fixture.prisma), [
      {
        provisionTenant: async (tx, tenant) => {
          const [row] = await tx.$queryRaw<Array<{ tenant: string | null; role: string }>>`
            SELECT current_setting('latchkey.tenant_id', true) AS tenant, current_user::text AS role`;
          seen.push({ ...(row ?? { tenant: null, role: '' }) });
          expect(tenant.id).toBe(row?.tenant);
          throw new Error('provisioning failed');
        },
      },
    ]);
    await expect(failing.create({ slug: 'keys-atomic', displayName: 'x' })).rejects.toThrow(
      'provisioning failed',
    );
    expect(seen).toEqual([{ tenant: expect.any(String), role: 'latchkey_app' }]);
    // All or nothing: the tenant row went with the failed provisioning.
    expect(await fixture.prisma.tenant.findUnique({ where: { slug: 'keys-atomic' } })).toBeNull();
  });

  it('provisions tenants created before signing keys on first use, once, even when asked concurrently', async () => {
    // The fixture creates tenants without the Nest wiring: like the seeded system and demo tenants,
    // they have no keys yet.
    const { id } = await fixture.tenantWithClient('keys-legacy');
    expect(await stored(id)).toEqual([]);
    const heard: TenantChange[] = [];
    const changes = ChangeBus.inProcess(pino({ level: 'silent' }));
    changes.subscribe((change) => heard.push(change));
    const keys = service(changes);

    const sets = await Promise.all(Array.from({ length: 6 }, () => keys.signingKeySet(id)));
    const kids = sets.map((set) => set.keys.map((k) => k.kid).join());
    expect(new Set(kids).size).toBe(1);
    expect(sets[0]?.keys.map((k) => k.alg)).toEqual(['ES256', 'ES256']);
    expect((await stored(id)).length).toBe(2);
    expect(heard).toEqual([{ tenantId: id, what: 'signing-keys' }]);

    const demo = await listKeys('demo');
    expect(demo.data.map((k) => k.status)).toEqual(['active', 'next']);
  });
});

describe('the key set of the OIDC provider', () => {
  it('holds private JWKs: active first, then next, then retired keys until they expire', async () => {
    const t = await newTenant('keys-set');
    const first = await listKeys('keys-set');
    await rotate('keys-set');
    const second = await rotate('keys-set');
    // Age the first retired key past its expiry: it leaves the set before the job deletes it.
    await fixture.prisma.signingKey.updateMany({
      where: { tenantId: t.id, id: one(first, 'active').kid },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });

    const set = await service().signingKeySet(t.id);
    expect(set.keys.map((k) => k.kid)).toEqual([
      one(second, 'active').kid,
      one(second, 'next').kid,
      one(first, 'next').kid, // retired by the second rotation
    ]);
    for (const jwk of set.keys) {
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(jwk.d).toBeTypeOf('string');
    }
  });
});

describe('listing', () => {
  it('shows public metadata only, never a private member, for every algorithm', async () => {
    const t = await newTenant('keys-public', { signingKeys: { algorithm: 'RS256' } });
    await rotate('keys-public', 'EdDSA');
    const res = await t.client.request('GET', '/api/v1/tenants/keys-public/signing-keys');
    expect(res.status).toBe(200);
    const list = ZSigningKeyList.parse(res.body);
    expect(list.data.map((k) => [k.status, k.alg])).toEqual([
      ['active', 'RS256'],
      ['next', 'EdDSA'],
      ['retired', 'RS256'],
    ]);
    const names = memberNames(res.body);
    for (const member of PRIVATE_MEMBERS) expect(names.has(member), member).toBe(false);
    expect(JSON.stringify(res.body)).not.toMatch(/sealed|private/i);
  });
});

describe('rotation', () => {
  it('promotes next to active, retires the active key until its tokens expire, and publishes a new next key', async () => {
    const t = await newTenant('keys-rotate');
    const before = await listKeys('keys-rotate');
    const started = Date.now();
    const res = await t.client.request('POST', '/api/v1/tenants/keys-rotate/signing-keys/rotate', {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = ZSigningKeyList.parse(res.body);
    expect(after).toEqual(await listKeys('keys-rotate'));

    const active = one(after, 'active');
    const next = one(after, 'next');
    const [retired, ...moreRetired] = byStatus(after, 'retired');
    expect(moreRetired).toEqual([]);
    expect(active.kid).toBe(one(before, 'next').kid);
    expect(Date.parse(active.activatedAt ?? '')).toBeGreaterThanOrEqual(started - 1000);
    expect(retired?.kid).toBe(one(before, 'active').kid);
    const retiredAt = Date.parse(retired?.retiredAt ?? '');
    const expiresAt = Date.parse(retired?.expiresAt ?? '');
    expect(expiresAt - retiredAt).toBe(RETENTION_MS);
    expect(Math.abs(expiresAt - (Date.now() + RETENTION_MS))).toBeLessThan(60_000);
    expect(before.data.map((k) => k.kid)).not.toContain(next.kid);
    expect(next).toMatchObject({ alg: 'ES256', activatedAt: null });

    // Audited by key ids only.
    const events = await fixture.prisma.auditEvent.findMany({
      where: { tenantId: t.id, action: 'signing-key.rotate' },
    });
    expect(events).toEqual([
      expect.objectContaining({
        targetType: 'signing-key',
        targetId: active.kid,
        changes: {
          activated: active.kid,
          retired: retired?.kid,
          next: next.kid,
          nextAlg: 'ES256',
          reason: 'manual',
        },
      }),
    ]);
  });

  it('gives a requested algorithm to the new next key, so it is published before it signs', async () => {
    await newTenant('keys-alg');
    const first = await rotate('keys-alg', 'RS256');
    expect(one(first, 'active').alg).toBe('ES256');
    expect(one(first, 'next')).toMatchObject({ alg: 'RS256', publicJwk: { kty: 'RSA', alg: 'RS256' } });
    const second = await rotate('keys-alg');
    expect(one(second, 'active')).toMatchObject({ kid: one(first, 'next').kid, alg: 'RS256' });
    expect(one(second, 'next').alg).toBe('RS256');
  });

  it('refuses an unknown algorithm with the field path, and changes nothing', async () => {
    const t = await newTenant('keys-bad');
    const before = await listKeys('keys-bad');
    for (const alg of ['HS256', 'none', 'es256', 42]) {
      const res = await t.client.request('POST', '/api/v1/tenants/keys-bad/signing-keys/rotate', { alg });
      expect(res.status, String(alg)).toBe(400);
      expect(problemCode(res)).toBe('validation-failed');
      expect(errorPaths(res)).toEqual(['alg']);
    }
    const extra = await t.client.request('POST', '/api/v1/tenants/keys-bad/signing-keys/rotate', {
      kid: 'x',
    });
    expect(extra.status).toBe(400);
    expect(await listKeys('keys-bad')).toEqual(before);
  });

  it('survives concurrent rotations: each one applies in turn', async () => {
    const t = await newTenant('keys-race');
    const results = await Promise.all([rotate('keys-race'), rotate('keys-race'), rotate('keys-race')]);
    for (const list of results) {
      one(list, 'active');
      one(list, 'next');
    }
    // Three rotations, three retired keys: none was lost or promoted twice.
    expect(new Set(results.map((list) => one(list, 'active').kid)).size).toBe(3);
    const rows = await stored(t.id);
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'next', 'retired', 'retired', 'retired']);
  });
});

describe('private keys at rest', () => {
  it('are sealed: only the master key, with the tenant and key id as context, opens them', async () => {
    const t = await newTenant('keys-sealed', { signingKeys: { algorithm: 'RS256' } });
    const other = await newTenant('keys-sealed-other');
    const box = new SecretBox(MASTER_KEY);
    const rows = await stored(t.id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.privateJwkSealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(memberNames(row.publicJwk).has('d')).toBe(false);

      const jwk = JSON.parse(box.open(row.privateJwkSealed, `signing-key:${t.id}:${row.id}`)) as JWK;
      expect(jwk).toMatchObject({ kty: 'RSA', kid: row.id, alg: 'RS256', use: 'sig' });
      for (const member of PRIVATE_MEMBERS) {
        const value = (jwk as Record<string, string>)[member] ?? '';
        expect(value.length, member).toBeGreaterThan(10);
        expect(row.privateJwkSealed).not.toContain(value);
      }
      expect(row.privateJwkSealed).not.toContain(Buffer.from(jwk.d ?? '').toString('base64url'));
      // The private key is the public key's other half.
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256' })
        .sign(await importJWK(jwk, 'RS256'));
      expect(token.split('.')).toHaveLength(3);
      expect((row.publicJwk as { n: string }).n).toBe(jwk.n);

      const otherKid = rows.find((r) => r.id !== row.id)?.id ?? '';
      expect(() => box.open(row.privateJwkSealed, `signing-key:${t.id}:${otherKid}`)).toThrow();
      expect(() => box.open(row.privateJwkSealed, `signing-key:${other.id}:${row.id}`)).toThrow();
      expect(() =>
        new SecretBox(randomBytes(32)).open(row.privateJwkSealed, `signing-key:${t.id}:${row.id}`),
      ).toThrow();
    }
  });
});

describe('the daily maintenance job', () => {
  const runJob = async () => {
    const system = await fixture.prisma.tenant.findUniqueOrThrow({ where: { slug: 'system' } });
    return maintainSigningKeysJob.handler(
      { tenantId: system.id },
      {
        jobId: `test-${randomBytes(4).toString('hex')}`,
        attempt: 1,
        logger: pino({ level: 'silent' }),
        deps: {
          prisma: fixture.prisma,
          tenants: new TenantDatabase(fixture.prisma),
          secrets: new SecretBox(MASTER_KEY),
          changes: ChangeBus.inProcess(pino({ level: 'silent' })),
        },
      },
    );
  };

  it('is scheduled daily', () => {
    expect(JOB_DEFINITIONS).toContain(maintainSigningKeysJob);
    expect(maintainSigningKeysJob.schedule).toEqual({ everyMs: DAY_MS });
  });

  it('rotates keys older than the period (new next key of the setting), deletes expired retired keys', async () => {
    const aged = await newTenant('keys-aged', { signingKeys: { rotationDays: 30 } });
    await newTenant('keys-young');
    const agedBefore = await rotate('keys-aged'); // leaves a retired key to expire
    const expiring = byStatus(agedBefore, 'retired')[0]?.kid ?? '';
    await fixture.prisma.signingKey.updateMany({
      where: { tenantId: aged.id, id: expiring },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await fixture.prisma.signingKey.updateMany({
      where: { tenantId: aged.id, status: 'active' },
      data: { activatedAt: new Date(Date.now() - 31 * DAY_MS) },
    });
    await sdk.call(tenantRoutes.updateTenant, {
      params: { tenant: 'keys-aged' },
      body: { settings: { signingKeys: { algorithm: 'EdDSA' } } },
    });
    const youngBefore = await listKeys('keys-young');

    const result = await runJob();
    expect(result.rotated).toBeGreaterThanOrEqual(1);
    expect(result.deleted).toBeGreaterThanOrEqual(1);

    const agedAfter = await listKeys('keys-aged');
    expect(agedAfter.data.map((k) => k.kid)).not.toContain(expiring);
    expect(one(agedAfter, 'active').kid).toBe(one(agedBefore, 'next').kid);
    expect(byStatus(agedAfter, 'retired').map((k) => k.kid)).toEqual([one(agedBefore, 'active').kid]);
    expect(one(agedAfter, 'next').alg).toBe('EdDSA');
    expect(await listKeys('keys-young')).toEqual(youngBefore);

    const events = await fixture.prisma.auditEvent.findMany({
      where: { tenantId: aged.id, action: { in: ['signing-key.rotate', 'signing-key.purge'] } },
    });
    const summary = events.map(
      (e) => `${e.action} ${e.actorType} ${(e.changes as { reason?: string }).reason}`,
    );
    expect(summary.sort()).toEqual([
      'signing-key.purge system undefined',
      'signing-key.rotate api-key manual',
      'signing-key.rotate system scheduled',
    ]);
    expect(events.find((e) => e.action === 'signing-key.purge')?.changes).toEqual({
      count: 1,
      kids: [expiring],
    });

    // A second run finds nothing due.
    await runJob();
    expect(await listKeys('keys-aged')).toEqual(agedAfter);
  });
});
