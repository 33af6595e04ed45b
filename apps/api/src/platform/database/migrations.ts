import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The advisory lock key Prisma Migrate takes, so this migrator and `prisma migrate` exclude each other. */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** Prisma's own DDL for its history table (schema engine 6.19.3, PostgreSQL), byte for byte. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface ApplyMigrationsOptions {
  /** Folder holding `<name>/migration.sql` folders; default: the repository's `prisma/migrations`. */
  migrationsDir?: string;
  log?: (msg: string) => void;
}

/**
 * Applies the pending Prisma migrations in-process, as `prisma migrate deploy` would (~11 s through the
 * CLI, milliseconds here), and returns the names applied, in order.
 *
 * Under Prisma's advisory lock: creates `_prisma_migrations` with Prisma's DDL if missing, refuses to go on
 * while a row is unfinished (a migration that failed under the CLI: fix it with `prisma migrate resolve`),
 * then applies each pending folder in name order in its own transaction — `BEGIN`, migration.sql, a history
 * row with the sha256 (hex) checksum of the file, `COMMIT` — so the rows are the ones Prisma writes and
 * `prisma migrate status` / `deploy` agree with it both ways.
 *
 * Tables go to the connection's default schema (`public`); a `?schema=` URL parameter is not supported.
 */
export async function applyPendingMigrations(
  connectionString: string,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const log = options.log ?? (() => {});
  const migrationsDir = options.migrationsDir ?? findMigrationsDir();
  const migrations = await listMigrations(migrationsDir);

  const client = new pg.Client({ connectionString });
  // A dropped connection also rejects the pending query; without a listener it would crash the process.
  client.on('error', (error) => log(`migrations: database connection error: ${error.message}`));
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    try {
      return await applyLocked(client, migrations, log);
    } finally {
      // Explicitly: on the embedded PGlite every client shares one session, so closing ours would not
      // release a session-level lock.
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

interface Migration {
  name: string;
  file: string;
}

async function applyLocked(client: pg.Client, migrations: Migration[], log: (msg: string) => void) {
  const { rows: exists } = await client.query<{ table: string | null }>(
    `SELECT to_regclass('_prisma_migrations')::text AS table`,
  );
  if (!exists[0]?.table) await client.query(CREATE_MIGRATIONS_TABLE);

  const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(
    'SELECT migration_name, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY started_at',
  );
  const unfinished = rows.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  if (unfinished.length > 0) {
    throw new Error(
      `database migration ${unfinished.join(', ')} started but did not finish; fix the database, then mark it ` +
        `with \`node scripts/prisma.mjs migrate resolve --applied|--rolled-back <name>\` before starting again`,
    );
  }
  const applied = new Set(rows.map((row) => row.migration_name));

  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    const script = await readFile(migration.file);
    const checksum = createHash('sha256').update(script).digest('hex');
    const started = Date.now();
    log(`applying database migration ${migration.name}`);
    await client.query('BEGIN');
    try {
      await client.query(script.toString('utf8'));
      await client.query(
        `INSERT INTO _prisma_migrations
           (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
        [randomUUID(), checksum, migration.name],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`database migration ${migration.name} failed (rolled back): ${reason}`, {
        cause: error,
      });
    }
    log(`applied database migration ${migration.name} in ${Date.now() - started} ms`);
    done.push(migration.name);
  }
  return done;
}

/** The migration folders in the order Prisma applies them (lexicographic by name). */
async function listMigrations(migrationsDir: string): Promise<Migration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return names.map((name) => {
    const file = path.join(migrationsDir, name, 'migration.sql');
    if (!existsSync(file))
      throw new Error(`migration folder ${name} has no migration.sql (in ${migrationsDir})`);
    return { name, file };
  });
}

/**
 * The repository's `prisma/migrations`, found by walking up from this file: it runs from
 * apps/api/src/platform/database (tests) and from apps/api/dist/platform/database (built).
 */
export function findMigrationsDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; ) {
    const candidate = path.join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find prisma/migrations in ${from} or any parent directory`);
    dir = parent;
  }
}
