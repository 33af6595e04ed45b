import { isIP } from 'node:net';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A URL whose scheme is one of `schemes`; the message never echoes the value (it may hold a password). */
const urlWithScheme = (schemes: string[], what: string) =>
  z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a ${what} URL (${schemes.map((s) => `${s}://`).join(' or ')}…)` },
  );

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

/** A whole number from the environment, within bounds; `what` completes "must be …". */
const integerBetween = (fallback: number, min: number, max: number, what: string) =>
  z
    .string()
    .default(String(fallback))
    .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, {
      message: `must be ${what} between ${min} and ${max}`,
    })
    .transform(Number);

/**
 * OWASP's weakest recommended argon2id configuration (m = 7 MiB, t = 5): its five configurations
 * trade memory for passes at about the same cost, so memory × passes must reach this.
 */
export const ARGON2_MIN_MEMORY_TIME = 7_168 * 5;

/**
 * One DNS server as Node's resolver takes it: an IP, optionally with a port (`10.0.0.2:5353`,
 * `[::1]:53`). Host names are refused: looking up the resolver would need a resolver.
 */
function isDnsServer(entry: string): boolean {
  if (isIP(entry) !== 0) return true;
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(entry);
  if (!match) return false;
  const port = match[3] === undefined ? 53 : Number(match[3]);
  const hostOk = match[1] !== undefined ? isIP(match[1]) === 6 : isIP(match[2] ?? '') === 4;
  return hostOk && port >= 1 && port <= 65535;
}

/**
 * Every environment variable Latchkey reads, validated once at start. Each is documented in the
 * README's configuration table; keep the two in step.
 */
export const ZEnvironment = z
  .object({
    /** TCP port of the HTTP server. */
    PORT: z
      .string()
      .default('3000')
      .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
        message: 'must be an integer between 1 and 65535',
      })
      .transform(Number),
    /** The origin users reach Latchkey on; issuers and links are built from it. */
    PUBLIC_URL: optional(urlWithScheme(['http', 'https'], 'http(s)')),
    /** PostgreSQL server; unset runs the embedded PGlite in LATCHKEY_DATA_DIR. */
    DATABASE_URL: optional(urlWithScheme(['postgres', 'postgresql'], 'PostgreSQL')),
    /** Redis server; unset runs jobs and short-lived state on PostgreSQL (single process). */
    REDIS_URL: optional(urlWithScheme(['redis', 'rediss'], 'Redis')),
    /** base64 of 32 random bytes; unset: generated once into LATCHKEY_DATA_DIR. */
    LATCHKEY_MASTER_KEY: optional(
      z.string().refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, {
        message: 'must be the base64 encoding of exactly 32 bytes',
      }),
    ),
    /** Where the zero-setup mode keeps its embedded database and generated master key. */
    LATCHKEY_DATA_DIR: z.string().min(1).default('./.data'),
    /** TCP port on 127.0.0.1 where the embedded database is served (for the Prisma CLI while Latchkey runs). */
    LATCHKEY_EMBEDDED_DB_PORT: z
      .string()
      .default('54329')
      .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
        message: 'must be an integer between 1 and 65535',
      })
      .transform(Number),
    /** SMTP server for outgoing mail; unset keeps mail in the dev outbox. */
    SMTP_URL: optional(urlWithScheme(['smtp', 'smtps'], 'SMTP')),
    /** Wait before the first retry of a failed mail delivery, in ms; it doubles with each retry. */
    LATCHKEY_EMAIL_RETRY_DELAY_MS: z
      .string()
      .default('30000')
      .refine((v) => /^\d+$/.test(v) && Number(v) >= 10 && Number(v) <= 3_600_000, {
        message: 'must be a number of milliseconds between 10 and 3600000',
      })
      .transform(Number),
    /** Serve tenants on `{tenant}.{TENANT_DOMAIN}`; unset: path routing only. */
    TENANT_DOMAIN: optional(
      z
        .string()
        .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, {
          message: 'must be a lowercase DNS name such as auth.example.com',
        }),
    ),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    BOOTSTRAP_ADMIN_EMAIL: optional(z.email({ message: 'must be an email address' })),
    BOOTSTRAP_ADMIN_PASSWORD: optional(z.string().min(12, { message: 'must be at least 12 characters' })),
    /** `inline` runs the job worker inside the API process; `off` leaves jobs to `worker` processes. */
    LATCHKEY_WORKER: z.enum(['inline', 'off'], { message: 'must be inline or off' }).default('inline'),
    /** Prefix of every Redis key this deployment writes (several deployments can share one Redis). */
    LATCHKEY_REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be 1-32 letters, digits, "-" or "_"' })
      .default('latchkey'),
    /** Exposes /api/v1/diagnostics (job probes) for smoke-testing a deployment. */
    LATCHKEY_DIAGNOSTICS: booleanFlag.default(false),
    /**
     * Lets Latchkey's own outbound calls (back-channel logout, client JWKS and request URIs, tenants'
     * SMTP servers) reach loopback and private addresses: for development against apps on
     * localhost. Off, they are refused (SSRF protection).
     */
    LATCHKEY_ALLOW_PRIVATE_NETWORK: booleanFlag.default(false),
    /**
     * The reverse proxies in front of Latchkey whose `X-Forwarded-For` names the client: a hop
     * count (1 = the nearest proxy), or comma-separated addresses, CIDR ranges and the names
     * loopback / linklocal / uniquelocal. Unset: the socket's address is the client, and
     * `X-Forwarded-For` is ignored (a client could write anything there).
     */
    LATCHKEY_TRUST_PROXY: optional(
      z
        .string()
        .transform((v) => (/^\d+$/.test(v.trim()) ? Number(v) : v.split(',').map((entry) => entry.trim())))
        .refine(
          (value) => (typeof value === 'number' ? value >= 1 && value <= 10 : value.every(isTrustedProxy)),
          {
            message:
              'must be a hop count (1-10) or comma-separated addresses, CIDR ranges, loopback, linklocal or uniquelocal',
          },
        ),
    ),
    /** Largest accepted request body, in bytes. */
    LATCHKEY_BODY_LIMIT: z
      .string()
      .default('1048576')
      .refine((v) => /^\d+$/.test(v) && Number(v) >= 1024, {
        message: 'must be a number of bytes, at least 1024',
      })
      .transform(Number),
    /** DNS servers for domain verification lookups (comma-separated ip[:port]); unset: the system's. */
    LATCHKEY_DNS_SERVERS: optional(
      z
        .string()
        .transform((v) => v.split(',').map((entry) => entry.trim()))
        .refine((servers) => servers.every(isDnsServer), {
          message:
            'must be comma-separated IP addresses with optional ports (1.1.1.1, 10.0.0.2:5353, [::1]:53)',
        }),
    ),
    /**
     * argon2id memory per password hash, in KiB (OWASP: 19456 with 2 passes). Each concurrent
     * sign-in holds this much while its hash runs; see docs/passwords.md for the cost.
     */
    LATCHKEY_ARGON2_MEMORY_KIB: integerBetween(19_456, 7_168, 1_048_576, 'a number of KiB'),
    /** argon2id passes over that memory (OWASP: 2 at 19456 KiB). */
    LATCHKEY_ARGON2_TIME_COST: integerBetween(2, 1, 16, 'a whole number of passes'),
    /** argon2id lanes per hash (OWASP: 1; more only helps with idle cores to spare). */
    LATCHKEY_ARGON2_PARALLELISM: integerBetween(1, 1, 16, 'a whole number of lanes'),
    /**
     * Where hashes run: `pool` (libuv's threads, one hash per CPU at a time), `inline` (the event
     * loop's thread, waiting hashes back to back up to 50 ms a loop turn) or `auto` (inline when the process may use one CPU).
     */
    LATCHKEY_ARGON2_THREAD: z
      .enum(['auto', 'pool', 'inline'], { message: 'must be auto, pool or inline' })
      .default('auto'),
    /** Seconds the process waits for in-flight requests and jobs on SIGTERM before exiting anyway. */
    LATCHKEY_SHUTDOWN_TIMEOUT: z
      .string()
      .default('30')
      .refine((v) => /^\d+$/.test(v), { message: 'must be a whole number of seconds' })
      .transform(Number),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(env.BOOTSTRAP_ADMIN_PASSWORD)) {
      const missing = env.BOOTSTRAP_ADMIN_EMAIL ? 'BOOTSTRAP_ADMIN_PASSWORD' : 'BOOTSTRAP_ADMIN_EMAIL';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with its pair' });
    }
    if (env.LATCHKEY_ARGON2_MEMORY_KIB * env.LATCHKEY_ARGON2_TIME_COST < ARGON2_MIN_MEMORY_TIME) {
      ctx.addIssue({
        code: 'custom',
        path: ['LATCHKEY_ARGON2_TIME_COST'],
        message: `times LATCHKEY_ARGON2_MEMORY_KIB must be at least ${ARGON2_MIN_MEMORY_TIME} (OWASP's minimum: 19456 KiB × 2, 12288 × 3, 9216 × 4 or 7168 × 5)`,
      });
    }
  });

export type TEnvironment = z.infer<typeof ZEnvironment>;

/** An entry of LATCHKEY_TRUST_PROXY: a named range, an address, or address/prefix. */
function isTrustedProxy(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
