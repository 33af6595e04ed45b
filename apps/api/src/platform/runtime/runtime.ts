import { PrismaPg } from '@prisma/adapter-pg';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { PrismaClient } from '../../generated/prisma/client.js';
import { JobBackend } from '../../jobs/job-backend.js';
import { JobLedger } from '../../jobs/job-ledger.js';
import { JobRunner } from '../../jobs/job-runner.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { JOB_DEFINITIONS } from '../../jobs/registry.js';
import type { AppConfig } from '../config/config.js';
import { argon2Thread, useArgon2Parameters, useArgon2Thread } from '../crypto/password-hasher.js';
import { SecretBox } from '../crypto/secret-box.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { applyPendingMigrations } from '../database/migrations.js';
import { seedBuiltInTenants } from '../database/seed.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { TenantSql } from '../database/tenant-sql.js';
import { ChangeBus } from '../events/change-bus.js';
import { redactConnectionUrl } from '../logging/redaction.js';
import { createRedis, createRedisProbe } from '../redis/redis.js';
import { resolveMasterKey } from './master-key.js';

/** Everything a Latchkey process holds open, built once at start and closed in reverse order. */
export interface Runtime {
  config: AppConfig;
  logger: Logger;
  databaseUrl: string;
  prisma: PrismaClient;
  jobs: JobsService;
  /** A fail-fast Redis connection for readiness; absent in the zero-setup mode. */
  redisProbe: Redis | undefined;
  /** The shared Redis command connection (OIDC artifacts, rate limits); absent in the zero-setup mode. */
  redis: Redis | undefined;
  /** Tenant configuration changes, to every replica. */
  changes: ChangeBus;
  /** Plain SQL under row-level security, for the token endpoint's hot path. */
  sql: TenantSql;
  masterKey: Buffer;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Apply pending migrations and seed the built-in tenants (the API does; a worker does not). */
  prepareDatabase: boolean;
}

export async function createRuntime(
  config: AppConfig,
  logger: Logger,
  options: RuntimeOptions,
): Promise<Runtime> {
  // Before anything hashes a password (the bootstrap admin, the sign-in's decoy).
  useArgon2Parameters(config.argon2);
  useArgon2Thread(config.argon2Thread);
  // auto decides by the CPUs the process may use: say what it chose (docs/passwords.md).
  logger.info({ ...config.argon2, thread: argon2Thread() }, 'argon2id password hashing');
  const closers: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) {
      await closer().catch((err: unknown) => logger.warn({ err }, 'error while shutting down'));
    }
  };
  try {
    const databaseUrl = await openDatabase(config, logger, closers);
    if (options.prepareDatabase) {
      const applied = await applyPendingMigrations(databaseUrl, { log: (msg) => logger.info(msg) });
      if (applied.length) logger.info({ applied }, 'database migrations applied');
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) });
    closers.push(() => prisma.$disconnect());
    if (options.prepareDatabase) await seedBuiltInTenants(prisma);
    const sql = TenantSql.connect(databaseUrl);
    closers.push(() => sql.close());

    const masterKey = await resolveMasterKey(config.masterKey, config.dataDir);
    if (!config.masterKey && !config.embeddedDatabase) {
      logger.warn(
        'LATCHKEY_MASTER_KEY is unset: using a generated key from the data directory; set it in production',
      );
    }

    if (!config.smtpUrl && !config.embeddedDatabase) {
      logger.info(
        'SMTP_URL is unset: mail of tenants without an SMTP server of their own stays in the dev outbox',
      );
    }

    const redisProbe = config.redisUrl ? createRedisProbe(config.redisUrl) : undefined;
    if (redisProbe) {
      redisProbe.on('error', () => undefined); // state is read by readiness; no log storm while down
      closers.push(async () => redisProbe.disconnect());
    }
    const redis = config.redisUrl
      ? createRedis(config.redisUrl, { keyPrefix: `${config.redisPrefix}:` })
      : undefined;
    let changes = ChangeBus.inProcess(logger);
    if (redis && config.redisUrl) {
      redis.on('error', () => undefined); // readiness reports outages; ioredis reconnects
      closers.push(async () => redis.disconnect());
      const subscriber = createRedis(config.redisUrl, { connectionName: 'latchkey-changes' });
      subscriber.on('error', () => undefined);
      changes = await ChangeBus.overRedis(redis, subscriber, `${config.redisPrefix}:`, logger);
    }
    closers.push(() => changes.close());

    // After the ChangeBus, which jobs publish on (and so closed before it).
    const backend = new JobBackend({
      redisUrl: config.redisUrl,
      databaseUrl,
      prefix: config.redisPrefix,
      pollOnly: config.embeddedDatabase,
    });
    const ledger = new JobLedger(prisma);
    const jobDeps = {
      prisma,
      tenants: new TenantDatabase(prisma),
      secrets: new SecretBox(masterKey),
      changes,
      config,
    };
    const jobs = new JobsService(
      backend,
      new JobRunner(JOB_DEFINITIONS, ledger, logger, jobDeps),
      ledger,
      logger,
    );
    closers.push(() => jobs.close());
    return { config, logger, databaseUrl, prisma, jobs, redisProbe, redis, changes, sql, masterKey, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function openDatabase(
  config: AppConfig,
  logger: Logger,
  closers: Array<() => Promise<unknown>>,
): Promise<string> {
  if (config.databaseUrl) {
    logger.info({ database: redactConnectionUrl(config.databaseUrl) }, 'using PostgreSQL');
    return config.databaseUrl;
  }
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedDatabasePort,
  });
  closers.push(() => embedded.close());
  logger.info({ dataDir: config.dataDir, ms: Date.now() - started }, 'embedded PostgreSQL (PGlite) started');
  return embedded.connectionString;
}
