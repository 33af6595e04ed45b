import type { Redis } from 'ioredis';
import type { AdapterPayload } from 'oidc-provider';
import { redisScript } from '../../../platform/redis/redis.js';
import { epochNow, type OidcStore, type StoredSession } from './oidc-store.js';

/**
 * An artifact's save in one command: the artifact and every index it belongs to, atomically as
 * MULTI would, but one Lua call instead of up to ten queued commands (each a client-side object
 * and reply: a sign-in saves five artifacts, docs/benchmarks.md).
 * KEYS: artifact, grant index, uid index, user-code index, account sessions (an unused one repeats
 * the artifact's key and is not touched). ARGV: payload, TTL in seconds ('' for none), the
 * artifact's key as the grant index lists it (without the connection's prefix), id, the indexes to
 * keep ('g', 'u', 'c', 's'), now in ms (the sessions set's score).
 */
const UPSERT_SCRIPT = `
local ttl = tonumber(ARGV[2])
local wanted = ARGV[5]
local function has(flag) return string.find(wanted, flag, 1, true) ~= nil end
-- An index lives as long as its longest member: NX sets a TTL on a new one, GT only extends it.
local function outlive(key)
  if ttl then
    redis.call('EXPIRE', key, ttl, 'NX')
    redis.call('EXPIRE', key, ttl, 'GT')
  end
end
local function point(key)
  if ttl then redis.call('SET', key, ARGV[4], 'EX', ttl) else redis.call('SET', key, ARGV[4]) end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'payload', ARGV[1])
if ttl then redis.call('EXPIRE', KEYS[1], ttl) end
if has('g') then
  redis.call('SADD', KEYS[2], ARGV[3])
  outlive(KEYS[2])
end
if has('u') then point(KEYS[3]) end
if has('c') then point(KEYS[4]) end
if has('s') then
  redis.call('ZADD', KEYS[5], ARGV[6], ARGV[4])
  outlive(KEYS[5])
end
return 1
`;

/**
 * Short-lived artifacts in Redis, expiring with their TTL. Each artifact is a hash (`payload`,
 * `consumed`) so consuming one is a single HSET that keeps its TTL; secondary indexes (grant
 * members, session uid, device user code) are plain keys/sets with the same or a longer TTL. An
 * account's sessions are a sorted set (session id → time of its last save, ms) that outlives each
 * member; members of ended sessions are dropped when the set is read.
 * Keys: `oidc:{tenant}:{model}:{id}`; the connection adds the deployment's key prefix.
 */
export class RedisOidcStore implements OidcStore {
  private readonly upsertArtifact;

  constructor(private readonly redis: Redis) {
    this.upsertArtifact = redisScript<string[], number>(redis, 'latchkeyOidcUpsert', {
      numberOfKeys: 5,
      lua: UPSERT_SCRIPT,
    });
  }

  async upsert(tenantId: string, model: string, id: string, payload: AdapterPayload, expiresIn?: number) {
    const key = artifactKey(tenantId, model, id);
    let wanted = '';
    const indexKey = (flag: string, index: string | undefined) => {
      if (index === undefined) return key;
      wanted += flag;
      return index;
    };
    const grantKey = indexKey('g', payload.grantId ? grantIndexKey(tenantId, payload.grantId) : undefined);
    const uid = indexKey('u', payload.uid ? uidKey(tenantId, model, payload.uid) : undefined);
    const userCode = indexKey(
      'c',
      payload.userCode ? userCodeKey(tenantId, model, payload.userCode) : undefined,
    );
    // Every request that uses a session saves it: the account's session index rides along.
    const sessions = indexKey(
      's',
      model === 'Session' && typeof payload.accountId === 'string'
        ? accountSessionsKey(tenantId, payload.accountId)
        : undefined,
    );
    await this.upsertArtifact(
      key,
      grantKey,
      uid,
      userCode,
      sessions,
      JSON.stringify(payload),
      expiresIn ? String(expiresIn) : '',
      key,
      id,
      wanted,
      String(Date.now()),
    );
  }

  async find(tenantId: string, model: string, id: string) {
    const stored = await this.redis.hgetall(artifactKey(tenantId, model, id));
    if (!stored.payload) return undefined;
    const payload = JSON.parse(stored.payload) as AdapterPayload;
    return stored.consumed ? { ...payload, consumed: Number(stored.consumed) } : payload;
  }

  async findByUid(tenantId: string, model: string, uid: string) {
    const id = await this.redis.get(uidKey(tenantId, model, uid));
    return id ? this.find(tenantId, model, id) : undefined;
  }

  async findByUserCode(tenantId: string, model: string, userCode: string) {
    const id = await this.redis.get(userCodeKey(tenantId, model, userCode));
    return id ? this.find(tenantId, model, id) : undefined;
  }

  async consume(tenantId: string, model: string, id: string) {
    // HSET on a missing (expired) key would create a payload-less hash without TTL: only set it if present.
    const key = artifactKey(tenantId, model, id);
    await this.redis.eval(
      "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('HSET', KEYS[1], 'consumed', ARGV[1]) end return 0",
      1,
      key,
      String(epochNow()),
    );
  }

  async destroy(tenantId: string, model: string, id: string) {
    await this.redis.del(artifactKey(tenantId, model, id));
  }

  async revokeByGrantId(tenantId: string, model: string, grantId: string) {
    const grantKey = grantIndexKey(tenantId, grantId);
    const members = await this.redis.smembers(grantKey);
    const ofModel = members.filter((key) => key.startsWith(`oidc:${tenantId}:${model}:`));
    if (!ofModel.length) return;
    await this.redis
      .multi()
      .del(...ofModel)
      .srem(grantKey, ...ofModel)
      .exec();
  }

  async sessionsOf(tenantId: string, accountId: string): Promise<StoredSession[]> {
    const sessionsKey = accountSessionsKey(tenantId, accountId);
    const indexed = await this.redis.zrange(sessionsKey, 0, -1, 'WITHSCORES');
    const ids: string[] = [];
    const savedAt = new Map<string, number>();
    for (let i = 0; i + 1 < indexed.length; i += 2) {
      const id = indexed[i] as string;
      ids.push(id);
      savedAt.set(id, Number(indexed[i + 1]));
    }
    if (!ids.length) return [];
    const read = this.redis.pipeline();
    for (const id of ids) read.hget(artifactKey(tenantId, 'Session', id), 'payload');
    const results = (await read.exec()) ?? [];
    const live: StoredSession[] = [];
    const ended: string[] = [];
    ids.forEach((id, i) => {
      const raw = results[i]?.[1];
      const payload = typeof raw === 'string' ? (JSON.parse(raw) as AdapterPayload) : undefined;
      // Gone (logged out, expired, or renamed by oidc-provider on sign-in): stale in the index.
      if (!payload || payload.accountId !== accountId) ended.push(id);
      else if (!payload.exp || payload.exp > epochNow())
        live.push({ payload, savedAt: savedAt.get(id) ?? 0 });
    });
    if (ended.length) await this.redis.zrem(sessionsKey, ...ended);
    return live.sort((x, y) => y.savedAt - x.savedAt);
  }
}

const artifactKey = (tenantId: string, model: string, id: string) => `oidc:${tenantId}:${model}:${id}`;
const grantIndexKey = (tenantId: string, grantId: string) => `oidc:${tenantId}:grant-index:${grantId}`;
const uidKey = (tenantId: string, model: string, uid: string) => `oidc:${tenantId}:${model}:uid:${uid}`;
const accountSessionsKey = (tenantId: string, accountId: string) =>
  `oidc:${tenantId}:account-sessions:${accountId}`;
const userCodeKey = (tenantId: string, model: string, code: string) =>
  `oidc:${tenantId}:${model}:user-code:${code}`;
