import path from 'node:path';
import type { HashThreadSetting } from '../crypto/hash-slots.js';
import type { Argon2Parameters } from '../crypto/password-hasher.js';
import { type TEnvironment, ZEnvironment } from './config.schema.js';

/** The validated, typed configuration. The only place that reads `process.env` is `loadConfig`. */
export interface AppConfig {
  port: number;
  publicUrl: string;
  /** `undefined` until the embedded database has started and supplied its socket URL. */
  databaseUrl: string | undefined;
  embeddedDatabase: boolean;
  redisUrl: string | undefined;
  masterKey: string | undefined;
  dataDir: string;
  embeddedDatabasePort: number;
  smtpUrl: string | undefined;
  /** First retry delay of a failed mail delivery (doubles with each retry). */
  emailRetryDelayMs: number;
  tenantDomain: string | undefined;
  logLevel: TEnvironment['LOG_LEVEL'];
  bootstrapAdmin: { email: string; password: string } | undefined;
  inlineWorker: boolean;
  /** Namespaces this deployment's Redis keys. */
  redisPrefix: string;
  diagnosticsEnabled: boolean;
  /** Outbound calls may reach loopback/private addresses (development only). */
  allowPrivateNetwork: boolean;
  /** Express's `trust proxy`: the proxies whose X-Forwarded-For is believed; undefined: none. */
  trustProxy: number | string[] | undefined;
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  /** Resolvers for domain verification (`ip` or `ip:port`); `undefined`: the system's. */
  dnsServers: string[] | undefined;
  /** argon2id costs of new password hashes; older hashes are replaced at their next sign-in. */
  argon2: Argon2Parameters;
  /** Where argon2id runs (LATCHKEY_ARGON2_THREAD): libuv's pool, the event loop, or auto by CPUs. */
  argon2Thread: HashThreadSetting;
  version: string;
}

/** Thrown when the environment is invalid; its message is the single line printed before exiting. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = ZEnvironment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    embeddedDatabase: !e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    masterKey: e.LATCHKEY_MASTER_KEY,
    dataDir: path.resolve(e.LATCHKEY_DATA_DIR),
    embeddedDatabasePort: e.LATCHKEY_EMBEDDED_DB_PORT,
    smtpUrl: e.SMTP_URL,
    emailRetryDelayMs: e.LATCHKEY_EMAIL_RETRY_DELAY_MS,
    tenantDomain: e.TENANT_DOMAIN,
    logLevel: e.LOG_LEVEL,
    bootstrapAdmin:
      e.BOOTSTRAP_ADMIN_EMAIL && e.BOOTSTRAP_ADMIN_PASSWORD
        ? { email: e.BOOTSTRAP_ADMIN_EMAIL, password: e.BOOTSTRAP_ADMIN_PASSWORD }
        : undefined,
    inlineWorker: e.LATCHKEY_WORKER === 'inline',
    redisPrefix: e.LATCHKEY_REDIS_PREFIX,
    diagnosticsEnabled: e.LATCHKEY_DIAGNOSTICS,
    allowPrivateNetwork: e.LATCHKEY_ALLOW_PRIVATE_NETWORK,
    trustProxy: e.LATCHKEY_TRUST_PROXY,
    bodyLimitBytes: e.LATCHKEY_BODY_LIMIT,
    shutdownTimeoutMs: e.LATCHKEY_SHUTDOWN_TIMEOUT * 1000,
    dnsServers: e.LATCHKEY_DNS_SERVERS,
    argon2: {
      memoryCost: e.LATCHKEY_ARGON2_MEMORY_KIB,
      timeCost: e.LATCHKEY_ARGON2_TIME_COST,
      parallelism: e.LATCHKEY_ARGON2_PARALLELISM,
    },
    argon2Thread: e.LATCHKEY_ARGON2_THREAD,
    version: env.npm_package_version ?? '0.1.0',
  };
}

/** Nest injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
