import type { Redis } from 'ioredis';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { redisScript } from '../redis/redis.js';

/**
 * Fixed-window counters shared by every replica: Redis when configured, else PostgreSQL (the
 * single-process zero-setup mode, ARCHITECTURE.md). Keys carry their own scope (tenant, account,
 * IP), so the store is platform-level.
 */
export interface RateLimiter {
  /** Counts one event under `key` and returns the count in the current window. */
  hit(key: string, windowSeconds: number): Promise<number>;
  /** The current count (0 when none or expired), without counting. */
  peek(key: string): Promise<number>;
  /** Seconds until `key`'s window ends (0 when none). */
  ttl(key: string): Promise<number>;
  /** Starts `key` afresh (a successful sign-in clears its account's failures). */
  reset(key: string): Promise<void>;
  /** Sets `key` to `count` for `windowSeconds` (a lockout). */
  set(key: string, count: number, windowSeconds: number): Promise<void>;
  /** Count and seconds left of several keys, in one round trip (the sign-in preflight). */
  inspect(keys: string[]): Promise<Array<{ count: number; ttl: number }>>;
  /** Starts several keys afresh, in one round trip. */
  resetMany(keys: string[]): Promise<void>;
}

/** Count and seconds left of each key, as one flat list: one command instead of two per key. */
const INSPECT_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  out[2 * i - 1] = tonumber(redis.call('GET', key) or '0') or 0
  out[2 * i] = redis.call('TTL', key)
end
return out
`;

export class RedisRateLimiter implements RateLimiter {
  private readonly inspectKeys;

  constructor(private readonly redis: Redis) {
    this.inspectKeys = redisScript<[number, ...string[]], number[]>(redis, 'latchkeyRateInspect', {
      lua: INSPECT_SCRIPT,
    });
  }

  async hit(key: string, windowSeconds: number): Promise<number> {
    const k = `rl:${key}`;
    const result = await this.redis.multi().incr(k).expire(k, windowSeconds, 'NX').exec();
    return Number(result?.[0]?.[1] ?? 0);
  }

  async peek(key: string): Promise<number> {
    return Number((await this.redis.get(`rl:${key}`)) ?? 0);
  }

  async ttl(key: string): Promise<number> {
    return Math.max(0, await this.redis.ttl(`rl:${key}`));
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(`rl:${key}`);
  }

  async set(key: string, count: number, windowSeconds: number): Promise<void> {
    await this.redis.set(`rl:${key}`, String(count), 'EX', windowSeconds);
  }

  async inspect(keys: string[]): Promise<Array<{ count: number; ttl: number }>> {
    if (!keys.length) return [];
    const replies = await this.inspectKeys(keys.length, ...keys.map((key) => `rl:${key}`));
    return keys.map((_, i) => ({
      count: Number(replies[2 * i] ?? 0),
      ttl: Math.max(0, Number(replies[2 * i + 1] ?? 0)),
    }));
  }

  async resetMany(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((key) => `rl:${key}`));
  }
}

export class PostgresRateLimiter implements RateLimiter {
  constructor(private readonly prisma: PrismaClient) {}

  async hit(key: string, windowSeconds: number): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO rate_limit_counters (key, count, expires_at)
      VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limit_counters.expires_at <= now() THEN 1 ELSE rate_limit_counters.count + 1 END,
        expires_at = CASE WHEN rate_limit_counters.expires_at <= now()
                          THEN now() + make_interval(secs => ${windowSeconds})
                          ELSE rate_limit_counters.expires_at END
      RETURNING count`;
    return Number(rows[0]?.count ?? 0);
  }

  async peek(key: string): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ count: number }[]>`
      SELECT count FROM rate_limit_counters WHERE key = ${key} AND expires_at > now()`;
    return Number(rows[0]?.count ?? 0);
  }

  async ttl(key: string): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ seconds: number }[]>`
      SELECT CEIL(EXTRACT(EPOCH FROM expires_at - now()))::int AS seconds
        FROM rate_limit_counters WHERE key = ${key} AND expires_at > now()`;
    return Math.max(0, Number(rows[0]?.seconds ?? 0));
  }

  async reset(key: string): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM rate_limit_counters WHERE key = ${key}`;
  }

  async inspect(keys: string[]): Promise<Array<{ count: number; ttl: number }>> {
    const rows = await this.prisma.$queryRaw<{ key: string; count: number; seconds: number }[]>`
      SELECT key, count, CEIL(EXTRACT(EPOCH FROM expires_at - now()))::int AS seconds
        FROM rate_limit_counters WHERE key = ANY(${keys}) AND expires_at > now()`;
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return keys.map((key) => {
      const row = byKey.get(key);
      return { count: Number(row?.count ?? 0), ttl: Math.max(0, Number(row?.seconds ?? 0)) };
    });
  }

  async resetMany(keys: string[]): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM rate_limit_counters WHERE key = ANY(${keys})`;
  }

  async set(key: string, count: number, windowSeconds: number): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO rate_limit_counters (key, count, expires_at)
      VALUES (${key}, ${count}, now() + make_interval(secs => ${windowSeconds}))
      ON CONFLICT (key) DO UPDATE SET count = EXCLUDED.count, expires_at = EXCLUDED.expires_at`;
  }
}

/** The deployment's counters: Redis when configured, else PostgreSQL (ARCHITECTURE.md). */
export function rateLimiterFor(runtime: { redis: Redis | undefined; prisma: PrismaClient }): RateLimiter {
  return runtime.redis ? new RedisRateLimiter(runtime.redis) : new PostgresRateLimiter(runtime.prisma);
}
