import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { purgeExpiredOidcArtifactsJob } from '../../src/modules/oidc/jobs/purge-expired-oidc-artifacts.job.js';
import type { OidcStore } from '../../src/modules/oidc/storage/oidc-store.js';
import { PgOidcStore } from '../../src/modules/oidc/storage/pg-oidc-store.js';
import { RedisOidcStore } from '../../src/modules/oidc/storage/redis-oidc-store.js';
import { RequestPrefetch } from '../../src/modules/oidc/storage/request-prefetch.js';
import { tenantAdapterFactory } from '../../src/modules/oidc/storage/tenant-adapter.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { TenantDatabase } from '../../src/platform/database/tenant-database.js';
import { TenantSql } from '../../src/platform/database/tenant-sql.js';
import { ChangeBus } from '../../src/platform/events/change-bus.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { createMigratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';

let db: MigratedDatabase;
let prisma: PrismaClient;
let redis: Redis;
let sql: TenantSql;
const tenantIds: string[] = [];

beforeAll(async () => {
  db = await createMigratedDatabase('oidc_stores');
  prisma = db.prisma;
  for (const slug of ['store-a', 'store-b']) {
    tenantIds.push((await prisma.tenant.create({ data: { slug, displayName: slug } })).id);
  }
  redis = new Redis(TEST_REDIS_URL, { keyPrefix: `test-oidc-${randomUUID()}:` });
  sql = TenantSql.connect(db.url, 2);
});

afterAll(async () => {
  redis?.disconnect();
  await sql?.close();
  await db?.drop();
});

const stores: Array<[string, () => OidcStore]> = [
  ['PostgreSQL', () => new PgOidcStore(sql)],
  ['Redis', () => new RedisOidcStore(redis)],
];

describe.each(stores)('the %s artifact store', (_name, make) => {
  const [a, b] = [() => tenantIds[0] as string, () => tenantIds[1] as string];

  it('stores, finds, consumes and destroys, per tenant', async () => {
    const store = make();
    const id = randomUUID();
    await store.upsert(a(), 'AuthorizationCode', id, { accountId: 'u1', grantId: 'g1', exp: 0 } as never, 60);
    expect(await store.find(a(), 'AuthorizationCode', id)).toMatchObject({ accountId: 'u1' });
    // Another tenant, or another model, sees nothing under the same id.
    expect(await store.find(b(), 'AuthorizationCode', id)).toBeUndefined();
    expect(await store.find(a(), 'AccessToken', id)).toBeUndefined();

    await store.consume(a(), 'AuthorizationCode', id);
    const consumed = await store.find(a(), 'AuthorizationCode', id);
    expect(typeof consumed?.consumed).toBe('number');
    // Upserting again starts afresh (not consumed).
    await store.upsert(a(), 'AuthorizationCode', id, { accountId: 'u2' } as never, 60);
    expect((await store.find(a(), 'AuthorizationCode', id))?.consumed).toBeUndefined();

    await store.destroy(a(), 'AuthorizationCode', id);
    expect(await store.find(a(), 'AuthorizationCode', id)).toBeUndefined();
  });

  it('finds sessions by uid and device codes by user code', async () => {
    const store = make();
    const [sessionId, uid, deviceId] = [randomUUID(), randomUUID(), randomUUID()];
    await store.upsert(a(), 'Session', sessionId, { uid, accountId: 'u1' } as never, 60);
    await store.upsert(a(), 'DeviceCode', deviceId, { userCode: 'ABCD-EFGH', clientId: 'c' } as never, 60);
    expect(await store.findByUid(a(), 'Session', uid)).toMatchObject({ accountId: 'u1' });
    expect(await store.findByUserCode(a(), 'DeviceCode', 'ABCD-EFGH')).toMatchObject({ clientId: 'c' });
    expect(await store.findByUid(b(), 'Session', uid)).toBeUndefined();
    expect(await store.findByUserCode(b(), 'DeviceCode', 'ABCD-EFGH')).toBeUndefined();
  });

  it('revokes by grant id per model, leaving other grants and tenants alone', async () => {
    const store = make();
    const grant = randomUUID();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await store.upsert(a(), 'AccessToken', ids[0] as string, { grantId: grant } as never, 60);
    await store.upsert(a(), 'AccessToken', ids[1] as string, { grantId: 'other' } as never, 60);
    await store.upsert(b(), 'AccessToken', ids[2] as string, { grantId: grant } as never, 60);
    await store.revokeByGrantId(a(), 'AccessToken', grant);
    expect(await store.find(a(), 'AccessToken', ids[0] as string)).toBeUndefined();
    expect(await store.find(a(), 'AccessToken', ids[1] as string)).toBeDefined();
    expect(await store.find(b(), 'AccessToken', ids[2] as string)).toBeDefined();
  });

  it("lists an account's live sessions, most recently saved first, per tenant", async () => {
    const store = make();
    const account = randomUUID();
    const [first, second, renamed, other] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const session = (uid: string) => ({ uid, accountId: account, loginTs: 1, authorizations: {} });
    await store.upsert(a(), 'Session', first, session('uid-1') as never, 60);
    await store.upsert(a(), 'Session', second, session('uid-2') as never, 3600);
    await store.upsert(a(), 'Session', other, { uid: 'uid-x', accountId: randomUUID() } as never, 60);
    await store.upsert(b(), 'Session', randomUUID(), session('uid-b') as never, 60);
    // A sign-in renames the record (oidc-provider's resetIdentifier): the old id must not linger.
    await store.upsert(a(), 'Session', renamed, session('uid-3') as never, 60);
    await store.destroy(a(), 'Session', renamed);
    await store.upsert(a(), 'Session', randomUUID(), session('uid-3') as never, 60);
    // Saved again a moment later: now the most recently active.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.upsert(a(), 'Session', first, session('uid-1') as never, 60);

    const listed = await store.sessionsOf(a(), account);
    expect(listed.map((s) => s.payload.uid)).toEqual(['uid-1', expect.any(String), expect.any(String)]);
    expect(listed.map((s) => s.payload.uid).sort()).toEqual(['uid-1', 'uid-2', 'uid-3']);
    expect(listed[0]?.savedAt).toBeGreaterThan(listed[1]?.savedAt ?? Number.POSITIVE_INFINITY);
    expect(Math.abs((listed[0]?.savedAt ?? 0) - Date.now())).toBeLessThan(5_000);
    expect((await store.sessionsOf(b(), account)).map((s) => s.payload.uid)).toEqual(['uid-b']);

    await store.destroy(a(), 'Session', second);
    expect((await store.sessionsOf(a(), account)).map((s) => s.payload.uid).sort()).toEqual([
      'uid-1',
      'uid-3',
    ]);
    expect(await store.sessionsOf(a(), randomUUID())).toEqual([]);
  });

  it('forgets expired artifacts', async () => {
    const store = make();
    const id = randomUUID();
    await store.upsert(a(), 'Interaction', id, { returnTo: '/x' } as never, 1);
    expect(await store.find(a(), 'Interaction', id)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await store.find(a(), 'Interaction', id)).toBeUndefined();
  });
});

describe("the Redis index of an account's sessions", () => {
  it('lives as long as its longest-lived session', async () => {
    const store = new RedisOidcStore(redis);
    const [tenant, account] = [tenantIds[0] as string, randomUUID()];
    const key = `oidc:${tenant}:account-sessions:${account}`;
    await store.upsert(tenant, 'Session', randomUUID(), { uid: 'long', accountId: account } as never, 3600);
    await store.upsert(tenant, 'Session', randomUUID(), { uid: 'short', accountId: account } as never, 60);
    expect(await redis.ttl(key)).toBeGreaterThan(3500);
    await store.upsert(tenant, 'Session', randomUUID(), { uid: 'longer', accountId: account } as never, 7200);
    expect(await redis.ttl(key)).toBeGreaterThan(7100);
    // Sessions of nobody (before sign-in) and other models are not indexed.
    await store.upsert(tenant, 'Session', randomUUID(), { uid: 'anonymous' } as never, 60);
    await store.upsert(tenant, 'Grant', randomUUID(), { accountId: account } as never, 60);
    expect(await redis.zcard(key)).toBe(3);
  });
});

describe('a Redis artifact save', () => {
  it('writes the artifact and each of its indexes with their TTLs', async () => {
    const store = new RedisOidcStore(redis);
    const tenant = tenantIds[0] as string;
    const [grant, id, uid] = [randomUUID(), randomUUID(), randomUUID()];
    await store.upsert(tenant, 'Session', id, { grantId: grant, uid, accountId: 'u1' } as never, 120);

    const artifact = `oidc:${tenant}:Session:${id}`;
    expect(await redis.ttl(artifact)).toBeGreaterThan(100);
    expect(await redis.hkeys(artifact)).toEqual(['payload']);
    expect(await redis.smembers(`oidc:${tenant}:grant-index:${grant}`)).toEqual([artifact]);
    expect(await redis.ttl(`oidc:${tenant}:grant-index:${grant}`)).toBeGreaterThan(100);
    expect(await redis.get(`oidc:${tenant}:Session:uid:${uid}`)).toBe(id);
    expect(await redis.ttl(`oidc:${tenant}:Session:uid:${uid}`)).toBeGreaterThan(100);

    // A shorter-lived member never shortens the grant index; a longer-lived one extends it.
    await store.upsert(tenant, 'AccessToken', randomUUID(), { grantId: grant } as never, 10);
    expect(await redis.ttl(`oidc:${tenant}:grant-index:${grant}`)).toBeGreaterThan(100);
    await store.upsert(tenant, 'AccessToken', randomUUID(), { grantId: grant } as never, 7200);
    expect(await redis.ttl(`oidc:${tenant}:grant-index:${grant}`)).toBeGreaterThan(7100);
  });

  it('keeps an artifact saved without an expiry, and touches no index it does not have', async () => {
    const store = new RedisOidcStore(redis);
    const tenant = tenantIds[0] as string;
    const id = randomUUID();
    await store.upsert(tenant, 'Client', id, { client_id: id } as never);
    const artifact = `oidc:${tenant}:Client:${id}`;
    expect(await redis.ttl(artifact)).toBe(-1);
    expect(await store.find(tenant, 'Client', id)).toEqual({ client_id: id });
    expect(await redis.type(artifact)).toBe('hash');
  });
});

describe('the PostgreSQL store’s refresh read', () => {
  it('returns a refresh token with its live grant in one query, per tenant', async () => {
    const store = new PgOidcStore(sql);
    const [a, b] = tenantIds as [string, string];
    const grantId = randomUUID();
    const tokenId = randomUUID();
    await store.upsert(a, 'Grant', grantId, { accountId: 'u1', jti: grantId } as never, 60);
    await store.upsert(a, 'RefreshToken', tokenId, { grantId, accountId: 'u1' } as never, 60);
    expect(await store.findWithGrant(a, 'RefreshToken', tokenId)).toEqual({
      payload: expect.objectContaining({ grantId }),
      grant: expect.objectContaining({ jti: grantId }),
    });
    expect(await store.findWithGrant(b, 'RefreshToken', tokenId)).toEqual({
      payload: undefined,
      grant: undefined,
    });

    // A revoked (destroyed) or expired grant is not returned with its token.
    await store.destroy(a, 'Grant', grantId);
    expect((await store.findWithGrant(a, 'RefreshToken', tokenId)).grant).toBeUndefined();
    await store.upsert(a, 'Grant', grantId, { accountId: 'u1', jti: grantId } as never, -1);
    expect((await store.findWithGrant(a, 'RefreshToken', tokenId)).grant).toBeUndefined();
  });
});

describe('the PostgreSQL store’s refresh reads in one turn', () => {
  /** The store over a TenantSql that counts the statements it is given. */
  const counted = () => {
    const statements: string[] = [];
    const counting = Object.create(sql) as TenantSql;
    counting.query = ((tenantId: string, statement: unknown, values: unknown[]) => {
      statements.push(tenantId);
      return sql.query(tenantId, statement as string, values);
    }) as TenantSql['query'];
    return { store: new PgOidcStore(counting), statements };
  };
  const refreshTokenWithGrant = async (tenantId: string) => {
    const store = new PgOidcStore(sql);
    const [grantId, tokenId] = [randomUUID(), randomUUID()];
    await store.upsert(tenantId, 'Grant', grantId, { accountId: 'u1', jti: grantId } as never, 60);
    await store.upsert(tenantId, 'RefreshToken', tokenId, { grantId, accountId: 'u1' } as never, 60);
    return { grantId, tokenId };
  };

  it('shares one statement and gives each read its own answer, repeated ids included', async () => {
    const a = tenantIds[0] as string;
    const [first, second] = [await refreshTokenWithGrant(a), await refreshTokenWithGrant(a)];
    const { store, statements } = counted();
    const reads = await Promise.all(
      [first.tokenId, 'no-such-token', second.tokenId, first.tokenId].map((id) =>
        store.findWithGrant(a, 'RefreshToken', id),
      ),
    );
    expect(statements).toHaveLength(1);
    expect(reads.map((read) => read.grant?.jti)).toEqual([
      first.grantId,
      undefined,
      second.grantId,
      first.grantId,
    ]);
    expect(reads[1]).toEqual({ payload: undefined, grant: undefined, account: undefined });
    // The same token read twice: equal answers, never one object shared between two requests.
    expect(reads[3]).toEqual(reads[0]);
    expect(reads[3]?.payload).not.toBe(reads[0]?.payload);
    expect(reads[3]?.grant).not.toBe(reads[0]?.grant);
  });

  it('hands each request of a shared statement its own grant for the reads that follow', async () => {
    const a = tenantIds[0] as string;
    const [first, second] = [await refreshTokenWithGrant(a), await refreshTokenWithGrant(a)];
    const { store, statements } = counted();
    const requests = new AsyncLocalStorage<object>();
    const adapter = tenantAdapterFactory(
      a,
      { longLived: store, shortLived: store },
      {} as never,
      new RequestPrefetch(() => requests.getStore()),
    );
    // Two token requests at once, as oidc-provider runs them: the token, then its grant.
    const refresh = (token: { tokenId: string; grantId: string }) =>
      requests.run({}, async () => {
        const found = await adapter('RefreshToken').find(token.tokenId);
        return adapter('Grant').find(found?.grantId as string);
      });
    const grants = await Promise.all([refresh(first), refresh(second)]);
    expect(grants.map((grant) => grant?.jti)).toEqual([first.grantId, second.grantId]);
    expect(statements).toHaveLength(1); // both grants came with the one statement, none read again
  });

  it('reads each tenant in its own statement, and never another tenant’s token', async () => {
    const [a, b] = tenantIds as [string, string];
    const ofA = await refreshTokenWithGrant(a);
    const { store, statements } = counted();
    const [inA, inB] = await Promise.all([
      store.findWithGrant(a, 'RefreshToken', ofA.tokenId),
      store.findWithGrant(b, 'RefreshToken', ofA.tokenId),
    ]);
    expect(statements.sort()).toEqual([a, b].sort());
    expect(inA.grant?.jti).toBe(ofA.grantId);
    expect(inB).toEqual({ payload: undefined, grant: undefined, account: undefined });
  });

  it('finds nothing for hostile ids without failing the reads that share their statement', async () => {
    const a = tenantIds[0] as string;
    const real = await refreshTokenWithGrant(a);
    const { store } = counted();
    const hostile = [
      'nul\0byte',
      '"},{"',
      'back\\slash',
      "'); DELETE FROM oidc_payloads; --",
      'a,b',
      'NULL',
      '',
    ];
    const reads = await Promise.all(
      [...hostile, real.tokenId].map((id) => store.findWithGrant(a, 'RefreshToken', id)),
    );
    expect(reads.slice(0, hostile.length).every((read) => read.payload === undefined)).toBe(true);
    expect(reads[hostile.length]?.grant?.jti).toBe(real.grantId);
  });
});

describe('the PostgreSQL store’s refresh read of the account', () => {
  const createUser = (tenantId: string, email: string, status: 'active' | 'suspended' = 'active') =>
    prisma.user.create({
      data: { tenantId, email, emailNormalized: email, status, publicMetadata: { plan: 'pro' } },
    });
  const refreshTokenOf = async (tenantId: string, accountId: string) => {
    const store = new PgOidcStore(sql);
    const [grantId, tokenId] = [randomUUID(), randomUUID()];
    await store.upsert(tenantId, 'Grant', grantId, { accountId, jti: grantId } as never, 60);
    await store.upsert(tenantId, 'RefreshToken', tokenId, { grantId, accountId } as never, 60);
    return (await store.findWithGrant(tenantId, 'RefreshToken', tokenId)).account;
  };

  it('joins the active account, every field the account lookup reads and never the password hash', async () => {
    const tenant = tenantIds[0] as string;
    const created = await createUser(tenant, `reader-${randomUUID()}@example.com`);
    // Every timestamp set, with microseconds (PostgreSQL keeps them; both reads cut to ms alike).
    await prisma.$executeRaw`UPDATE users SET last_sign_in_at = now() - interval '1.234567 seconds',
      password_changed_at = now() - interval '2 days 0.000999 seconds', attributes = '{"tier": {"level": 2}}'
      WHERE id = ${created.id}::uuid`;
    const user = await prisma.user.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: tenant, id: created.id } },
    });
    const { passwordHash: _secret, ...expected } = user;
    expect(expected.lastSignInAt).toBeInstanceOf(Date);
    expect(await refreshTokenOf(tenant, user.id)).toEqual(expected);
  });

  it('joins no account that is suspended, of another tenant, or not a UUID', async () => {
    const [a, b] = tenantIds as [string, string];
    const suspended = await createUser(a, `suspended-${randomUUID()}@example.com`, 'suspended');
    const elsewhere = await createUser(b, `elsewhere-${randomUUID()}@example.com`);
    expect(await refreshTokenOf(a, suspended.id)).toBeUndefined();
    expect(await refreshTokenOf(a, elsewhere.id)).toBeUndefined();
    expect(await refreshTokenOf(a, "u1' OR '1'='1")).toBeUndefined();
  });
});

describe('plain SQL under row-level security', () => {
  it('sees only the tenant of its transaction, even without a tenant filter in the query', async () => {
    const store = new PgOidcStore(sql);
    await store.upsert(tenantIds[0] as string, 'Grant', randomUUID(), { accountId: 'a' } as never, 60);
    await store.upsert(tenantIds[1] as string, 'Grant', randomUUID(), { accountId: 'b' } as never, 60);
    const { rows } = await sql.query<{ tenant_id: string }>(
      tenantIds[0] as string,
      'SELECT DISTINCT tenant_id FROM oidc_payloads',
      [],
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([tenantIds[0]]);
    await expect(sql.query("x' OR '1'='1", 'SELECT 1', [])).rejects.toThrow(/UUID/);
  });
});

describe('the purge job', () => {
  it('deletes expired PostgreSQL artifacts of every tenant and keeps the live ones', async () => {
    const store = new PgOidcStore(sql);
    const [live, expired, forever] = [randomUUID(), randomUUID(), randomUUID()];
    await store.upsert(tenantIds[0] as string, 'RefreshToken', live, {} as never, 3600);
    await store.upsert(tenantIds[1] as string, 'RefreshToken', expired, {} as never, 3600);
    await store.upsert(tenantIds[1] as string, 'Grant', forever, {} as never);
    await prisma.oidcPayload.updateMany({
      where: { id: expired },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const logger = pino({ level: 'silent' });
    const result = await purgeExpiredOidcArtifactsJob.handler(
      { tenantId: tenantIds[0] as string },
      {
        jobId: 'test',
        attempt: 1,
        logger,
        deps: {
          prisma,
          tenants: new TenantDatabase(prisma),
          secrets: new SecretBox(Buffer.alloc(32, 1)),
          changes: ChangeBus.inProcess(logger),
        },
      },
    );
    expect(result.purged).toBeGreaterThanOrEqual(1);
    const remaining = (await prisma.oidcPayload.findMany({ select: { id: true } })).map((r) => r.id);
    expect(remaining).toContain(live);
    expect(remaining).toContain(forever);
    expect(remaining).not.toContain(expired);
  });
});
