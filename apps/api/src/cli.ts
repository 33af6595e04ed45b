import 'reflect-metadata';
import net from 'node:net';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ApiKeysRepository } from './modules/api-keys/api-keys.repository.js';
import { ApiKeysService } from './modules/api-keys/api-keys.service.js';
import { ApplicationSecretsRepository } from './modules/applications/application-secrets.repository.js';
import { ApplicationsRepository } from './modules/applications/applications.repository.js';
import { ApplicationsService } from './modules/applications/applications.service.js';
import { InitialAccessTokensRepository } from './modules/applications/initial-access-tokens.repository.js';
import { AuditRepository } from './modules/audit/audit.repository.js';
import { AuditService } from './modules/audit/audit.service.js';
import { systemActor } from './modules/audit/audit.types.js';
import { PlatformAdminService } from './modules/platform-admin/platform-admin.service.js';
import { TenancyRepository } from './modules/tenancy/tenancy.repository.js';
import { TenancyService } from './modules/tenancy/tenancy.service.js';
import { type AppConfig, ConfigError, loadConfig } from './platform/config/config.js';
import { SecretBox } from './platform/crypto/secret-box.js';
import { TenantDatabase } from './platform/database/tenant-database.js';
import { AppError } from './platform/errors/app-error.js';
import { createRuntime } from './platform/runtime/runtime.js';

const USAGE = `Usage: pnpm latchkey <command> [options]

Commands:
  bootstrap --email <email> --password <password> [--json]
      Creates the platform admin: a user of the built-in "system" tenant with the
      platform-admin role (argon2id password, at least 12 characters).

  api-key create --tenant <slug> --name <name> [--expires-at <ISO date>] [--json]
      Creates a management API key and prints it once. A key of the "system" tenant is
      platform-scoped (it manages every tenant); any other is scoped to its tenant.

  m2m create --tenant <slug> --name <name> [--json]
      Creates a machine-to-machine application (OAuth client_credentials) in the tenant
      and prints its client id and client secret once.

Options:
  --json    print one JSON object on stdout and nothing else
  --help    show this help
`;

/** A mistake of the caller: printed as one line, exit code 2. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      name: { type: 'string' },
      'expires-at': { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(USAGE);
    return;
  }
  const command = positionals.join(' ');
  if (command === 'bootstrap') {
    await bootstrap({ email: values.email, password: values.password, json: values.json });
    return;
  }
  if (command !== 'api-key create' && command !== 'm2m create') {
    throw new UsageError(`unknown command "${command}" (see --help)`);
  }
  if (!values.tenant) throw new UsageError('--tenant is required');
  if (!values.name) throw new UsageError('--name is required');
  if (command === 'm2m create') {
    await createM2mApplication({ tenant: values.tenant, name: values.name, json: values.json });
    return;
  }
  await createApiKey({
    tenant: values.tenant,
    name: values.name,
    expiresAt: values['expires-at'],
    json: values.json,
  });
}

async function bootstrap(options: { email?: string; password?: string; json: boolean }) {
  if (!options.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.email)) {
    throw new UsageError('--email must be an email address');
  }
  if (!options.password || options.password.length < 12)
    throw new UsageError('--password must be at least 12 characters');
  const runtime = await cliRuntime();
  try {
    const outcome = await new PlatformAdminService(runtime.prisma).bootstrap(
      options.email,
      options.password,
      {
        onlyIfNone: false,
      },
    );
    if (!outcome.created)
      throw new UsageError(`a user with the email ${options.email} already exists in the system tenant`);
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ email: options.email, userId: outcome.userId })}\n`
        : `Created the platform admin ${options.email} in the system tenant.\n`,
    );
  } finally {
    await runtime.close();
  }
}

/** Logs go to stderr: stdout carries only the result (scripts parse it). */
async function cliRuntime() {
  return createRuntime(await cliConfig(), pino({ level: 'error' }, pino.destination(2)), {
    prepareDatabase: true,
  });
}

async function createApiKey(options: { tenant: string; name: string; expiresAt?: string; json: boolean }) {
  const runtime = await cliRuntime();
  try {
    const tenancy = new TenancyService(new TenancyRepository(runtime.prisma));
    const tenant = await tenancy.findBySlug(options.tenant);
    if (!tenant) throw new UsageError(`no tenant with the slug "${options.tenant}"`);
    if (options.expiresAt !== undefined && Number.isNaN(Date.parse(options.expiresAt))) {
      throw new UsageError('--expires-at must be an ISO 8601 date, e.g. 2027-01-31T00:00:00Z');
    }
    const apiKeys = new ApiKeysService(new ApiKeysRepository(runtime.prisma));
    const created = await apiKeys.create(tenant, {
      name: options.name,
      ...(options.expiresAt ? { expiresAt: new Date(options.expiresAt).toISOString() } : {}),
    });
    if (options.json) {
      const { key, id, scope, expiresAt } = created;
      process.stdout.write(`${JSON.stringify({ key, id, tenant: tenant.slug, scope, expiresAt })}\n`);
    } else {
      process.stdout.write(
        `Created API key "${created.name}" for tenant ${tenant.slug} (${created.scope} scope).\n\n` +
          `  ${created.key}\n\nStore it now: it is shown only this once.\n`,
      );
    }
  } finally {
    await runtime.close();
  }
}

async function createM2mApplication(options: { tenant: string; name: string; json: boolean }) {
  const runtime = await cliRuntime();
  try {
    const tenancy = new TenancyService(new TenancyRepository(runtime.prisma));
    const tenant = await tenancy.findBySlug(options.tenant);
    if (!tenant) throw new UsageError(`no tenant with the slug "${options.tenant}"`);
    const applications = new ApplicationsService(
      new TenantDatabase(runtime.prisma),
      new ApplicationsRepository(),
      new ApplicationSecretsRepository(),
      new AuditService(new AuditRepository()),
      new SecretBox(runtime.masterKey),
      runtime.changes,
      new InitialAccessTokensRepository(),
    );
    const created = await applications.create(systemActor(tenant.id, 'cli:m2m-create'), tenant, {
      name: options.name,
      type: 'm2m',
      managementAccess: true,
    });
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ client_id: created.clientId, client_secret: created.clientSecret })}\n`,
      );
    } else {
      process.stdout.write(
        `Created the m2m application "${created.name}" in tenant ${tenant.slug}.\n\n` +
          `  client_id:     ${created.clientId}\n  client_secret: ${created.clientSecret}\n\n` +
          'Store the secret now: it is shown only this once (rotate it in the management API).\n',
      );
    }
  } finally {
    await runtime.close();
  }
}

/**
 * The configuration, pointed at a running Latchkey's embedded database when there is one (only one
 * process can open the data directory; the server shares it over its local socket).
 */
async function cliConfig(): Promise<AppConfig> {
  const config = loadConfig();
  if (!config.embeddedDatabase) return config;
  const running = await listening('127.0.0.1', config.embeddedDatabasePort);
  if (!running) return config;
  return {
    ...config,
    databaseUrl: `postgresql://postgres@127.0.0.1:${config.embeddedDatabasePort}/postgres`,
  };
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 500 });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof AppError) {
      const fields =
        error instanceof AppError ? error.errors?.map((e) => `${e.path} ${e.message}`) : undefined;
      const message = fields?.join('; ') ?? error.message;
      process.stderr.write(`latchkey: ${message}\n`);
      process.exit(2);
    }
    process.stderr.write(`latchkey: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
