import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import {
  PostgresRateLimiter,
  type RateLimiter,
  RedisRateLimiter,
} from '../../src/platform/rate-limit/rate-limiter.js';
import { TEST_REDIS_URL } from '../support/env.js';
import { createMigratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';

let db: MigratedDatabase;
let prisma: PrismaClient;
let redis: Redis;

beforeAll(async () => {
  db = await createMigratedDatabase('rate_limiters');
  prisma = db.prisma;
  redis = new Redis(TEST_REDIS_URL, { keyPrefix: `test-rl-${randomUUID()}:` });
});

afterAll(async () => {
  redis?.disconnect();
  await db?.drop();
});

const limiters: Array<[string, () => RateLimiter]> = [
  ['PostgreSQL', () => new PostgresRateLimiter(prisma)],
  ['Redis', () => new RedisRateLimiter(redis)],
];

describe.each(limiters)('the %s rate limiter', (_name, make) => {
  it('counts hits in a window and tells the seconds left', async () => {
    const limiter = make();
    const key = `hits:${randomUUID()}`;
    expect(await limiter.hit(key, 60)).toBe(1);
    expect(await limiter.hit(key, 60)).toBe(2);
    expect(await limiter.peek(key)).toBe(2);
    const ttl = await limiter.ttl(key);
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(60);
    await limiter.reset(key);
    expect(await limiter.peek(key)).toBe(0);
    expect(await limiter.ttl(key)).toBe(0);
  });

  it('inspects several keys at once, in the order asked, unknown ones as zero', async () => {
    const limiter = make();
    const [counted, locked, unknown] = [`c:${randomUUID()}`, `l:${randomUUID()}`, `u:${randomUUID()}`];
    await limiter.hit(counted, 120);
    await limiter.hit(counted, 120);
    await limiter.hit(counted, 120);
    await limiter.set(locked, 7, 900);
    const [c, l, u] = await limiter.inspect([counted, locked, unknown]);
    expect(c?.count).toBe(3);
    expect(c?.ttl).toBeGreaterThan(100);
    expect(l).toEqual({ count: 7, ttl: expect.any(Number) });
    expect(l?.ttl).toBeGreaterThan(800);
    expect(u).toEqual({ count: 0, ttl: 0 });
    expect(await limiter.inspect([])).toEqual([]);

    await limiter.resetMany([counted, locked]);
    expect(await limiter.inspect([counted, locked])).toEqual([
      { count: 0, ttl: 0 },
      { count: 0, ttl: 0 },
    ]);
  });
});
