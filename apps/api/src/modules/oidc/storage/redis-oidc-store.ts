import type { Redis } from 'ioredis';
import type { AdapterPayload } from 'oidc-provider';
import { epochNow, type OidcStore, type StoredSession } from './oidc-store.js';

/**
 * Short-lived artifacts in Redis, expiring with their TTL. Each artifact is a hash (`payload`,
 * `consumed`) so consuming one is a single HSET that keeps its TTL; secondary indexes (grant
 * members, session uid, device user code) are plain keys/sets with the same or a longer TTL. An
 * account's sessions are a sorted set (session id → time of its last save, ms) that outlives each
 * member; members of ended sessions are dropped when the set is read.
 * Keys: `oidc:{tenant}:{model}:{id}`; the connection adds the deployment's key prefix.
 */
export class RedisOidcStore implements OidcStore {
  constructor(private readonly redis: Redis) {}

  async upsert(tenantId: string, model: string, id: string, payload: AdapterPayload, expiresIn?: number) {
    const key = artifactKey(tenantId, model, id);
    const multi = this.redis.multi().del(key).hset(key, 'payload', JSON.stringify(payload));
    if (expiresIn) multi.expire(key, expiresIn);
    if (payload.grantId) {
      const grantKey = grantIndexKey(tenantId, payload.grantId);
      multi.sadd(grantKey, key);
      // The index lives as long as its longest member: NX sets a TTL on a new index, GT only extends it.
      if (expiresIn) multi.expire(grantKey, expiresIn, 'NX').expire(grantKey, expiresIn, 'GT');
    }
    if (payload.uid) this.setIndex(multi, uidKey(tenantId, model, payload.uid), id, expiresIn);
    if (payload.userCode) this.setIndex(multi, userCodeKey(tenantId, model, payload.userCode), id, expiresIn);
    if (model === 'Session' && typeof payload.accountId === 'string') {
      // Every request that uses a session saves it: this index upkeep rides in the same round trip.
      const sessionsKey = accountSessionsKey(tenantId, payload.accountId);
      multi.zadd(sessionsKey, Date.now(), id);
      if (expiresIn) multi.expire(sessionsKey, expiresIn, 'NX').expire(sessionsKey, expiresIn, 'GT');
    }
    await multi.exec();
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

  private setIndex(multi: ReturnType<Redis['multi']>, key: string, id: string, expiresIn?: number) {
    if (expiresIn) multi.set(key, id, 'EX', expiresIn);
    else multi.set(key, id);
  }
}

const artifactKey = (tenantId: string, model: string, id: string) => `oidc:${tenantId}:${model}:${id}`;
const grantIndexKey = (tenantId: string, grantId: string) => `oidc:${tenantId}:grant-index:${grantId}`;
const uidKey = (tenantId: string, model: string, uid: string) => `oidc:${tenantId}:${model}:uid:${uid}`;
const accountSessionsKey = (tenantId: string, accountId: string) =>
  `oidc:${tenantId}:account-sessions:${accountId}`;
const userCodeKey = (tenantId: string, model: string, code: string) =>
  `oidc:${tenantId}:${model}:user-code:${code}`;
