import { Redis, type RedisOptions } from 'ioredis';

/**
 * Reconnect quickly and forever: a Redis outage must heal without a restart, and readiness must
 * notice both the outage and the recovery within a couple of seconds.
 */
const retryStrategy = (attempt: number) => Math.min(100 * attempt, 1000);

export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { retryStrategy, lazyConnect: false, connectionName: 'latchkey', ...options });
}

/**
 * A connection for health probes: no offline queue and no retries per request, so a PING fails
 * at once while Redis is unreachable instead of waiting for it to come back.
 */
export function createRedisProbe(url: string): Redis {
  return createRedis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    connectionName: 'latchkey-probe',
  });
}

/**
 * A Lua script as a command of `redis` (EVALSHA, EVAL when Redis does not know it yet), defined
 * once per connection under `name`. Keys get the connection's prefix like any command's:
 * `numberOfKeys` fixed, or, without it, passed as the first argument.
 */
export function redisScript<Args extends unknown[], Reply>(
  redis: Redis,
  name: string,
  definition: { lua: string; numberOfKeys?: number },
): (...args: Args) => Promise<Reply> {
  if (!(name in redis)) redis.defineCommand(name, definition);
  const command = (redis as unknown as Record<string, (...args: Args) => Promise<Reply>>)[name];
  if (!command) throw new Error(`Redis script ${name} could not be defined`);
  return command.bind(redis);
}
