// Driver adapter for the Prisma 6.19.3 CLI (JavaScript schema engine, `engine: "js"` in prisma.config.ts).
// Loaded only by the CLI, never by the app. It wraps @prisma/adapter-pg and fixes three real problems
// (see /work/shared/PRISMA.md → "prisma/migrate-adapter.ts"):
//  1. The schema engine reads pg_catalog columns of type "char" (oid 18) and name (oid 19), which
//     adapter-pg cannot map ("Column type 'name' could not be deserialized"): the pool's Client subclass
//     rewrites those fields' dataTypeID to 25 (text). "char" columns are then reported to the engine as
//     Character, not Text, as the native engine does: the engine reads pg_constraint.contype as a char
//     and crashes with `RuntimeError: unreachable` on Text as soon as a CHECK constraint exists.
//  2. Discrete connection fields (never `connectionString`, which pg lets override `database` and so sends
//     the shadow database to the main one), and `allowExitOnIdle` so the CLI does not linger on the pool.
//  3. connectToShadowDb(): on a real server CREATE DATABASE prisma_shadow_<uuid>, and on dispose close the
//     pool first, then DROP DATABASE … WITH (FORCE); on PGlite (embedded dev database) a throwaway
//     in-memory PGlite behind its own socket server.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

const PG_CHAR_OID = 18;
const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

/** ColumnTypeEnum.Character of @prisma/driver-adapter-utils 6.19.3. */
const COLUMN_TYPE_CHARACTER = 6;
/** Marks a result's rows array with the indices of its "char" columns (rows reach queryRaw's result). */
const CHAR_COLUMNS = Symbol('charColumns');

interface ResultLike {
  fields?: Array<{ dataTypeID: number }>;
  rows?: unknown[];
}

function rewriteCatalogTypes<T>(result: T): T {
  for (const part of (Array.isArray(result) ? result : [result]) as Array<ResultLike | undefined>) {
    const charColumns: number[] = [];
    part?.fields?.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) charColumns.push(index);
      if (field.dataTypeID === PG_CHAR_OID || field.dataTypeID === PG_NAME_OID)
        field.dataTypeID = PG_TEXT_OID;
    });
    if (charColumns.length > 0 && Array.isArray(part?.rows)) {
      Object.defineProperty(part.rows, CHAR_COLUMNS, { value: charColumns });
    }
  }
  return result;
}

interface QueryableLike {
  queryRaw(query: never): Promise<{ columnTypes: number[]; rows: unknown[] }>;
}

/** Reports the "char" columns marked by rewriteCatalogTypes as Character instead of Text. */
function restoreCharColumns<Q extends QueryableLike>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    const charColumns = (resultSet.rows as { [CHAR_COLUMNS]?: number[] })[CHAR_COLUMNS] ?? [];
    for (const index of charColumns) resultSet.columnTypes[index] = COLUMN_TYPE_CHARACTER;
    return resultSet;
  };
  return queryable;
}

/** The parts of adapter-pg's adapter that executeScript needs (not in its public type). */
interface PgAdapterInternals {
  client: pg.Pool;
  onError(error: unknown): never;
}

/**
 * adapter-pg's executeScript splits a migration on every `;` — inside dollar-quoted bodies (DO blocks,
 * functions) too. Send the script whole as one simple query, as Prisma's native engine does: PostgreSQL
 * then also runs it as one implicit transaction.
 */
function wholeScripts<A extends PgAdapter>(adapter: A): A {
  const internals = adapter as unknown as PgAdapterInternals;
  adapter.executeScript = async (script: string) => {
    try {
      await internals.client.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

/** Applies restoreCharColumns (to the adapter and its transactions) and wholeScripts to an adapter. */
function withCharColumns<A extends PgAdapter>(adapter: A): A {
  wholeScripts(adapter);
  restoreCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => restoreCharColumns(await startTransaction(...args));
  return adapter;
}

/** pg Client whose results report pg_catalog "char" and name columns as text. */
class CatalogTypesClient extends pg.Client {}
const baseQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
CatalogTypesClient.prototype.query = function query(this: pg.Client, ...args: unknown[]): unknown {
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === 'function') {
    args[last] = (error: unknown, result: unknown) =>
      (callback as (e: unknown, r: unknown) => void)(error, error ? result : rewriteCatalogTypes(result));
    return baseQuery.apply(this, args);
  }
  const returned = baseQuery.apply(this, args);
  return returned instanceof Promise ? returned.then(rewriteCatalogTypes) : returned;
} as unknown as typeof pg.Client.prototype.query;

/** Discrete pool settings from a URL (never `connectionString`: it would override `database`). */
function poolConfig(url: string, database?: string): pg.PoolConfig {
  const config = parseIntoClientConfig(url) as pg.ClientConfig & Record<string, unknown>;
  // `?schema=` is a Prisma URL parameter, not a pg setting.
  delete config.schema;
  return {
    ...config,
    ...(database ? { database } : {}),
    Client: CatalogTypesClient,
    allowExitOnIdle: true,
  } as pg.PoolConfig;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

class MigrationAdapterFactory extends PrismaPg {
  constructor(private readonly url: string) {
    super(poolConfig(url));
  }

  override async connect(): Promise<PgAdapter> {
    return withCharColumns(await super.connect());
  }

  override async connectToShadowDb(): Promise<PgAdapter> {
    const admin = new CatalogTypesClient(poolConfig(this.url));
    admin.on('error', () => {}); // a lost connection rejects the pending query; don't also crash the CLI
    await admin.connect();
    try {
      const { rows } = await admin.query<{ version: string }>('SELECT version() AS version');
      if (/PGlite|wasm32/.test(rows[0]?.version ?? '')) {
        await admin.end();
        return await pgliteShadow();
      }
      const database = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
      return await withDispose(poolConfig(this.url, database), async () => {
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
        } finally {
          await admin.end();
        }
      });
    } catch (error) {
      await admin.end().catch(() => {});
      throw error;
    }
  }
}

/** Adapter on its own pool; dispose closes the pool first, then runs `cleanup`. */
async function withDispose(config: pg.PoolConfig, cleanup: () => Promise<void>): Promise<PgAdapter> {
  const pool = new pg.Pool(config);
  // pool.end() resolves once its clients have sent Terminate, not once the server has closed them, so the
  // DROP … WITH (FORCE) that follows can still kill one: that error (emitted after the adapter has removed
  // its own listener) must not crash the CLI with an unhandled 'error' event.
  pool.on('error', () => {});
  let adapter: PgAdapter;
  try {
    adapter = withCharColumns(await new PrismaPg(pool).connect());
  } catch (error) {
    await pool.end().catch(() => {});
    await cleanup();
    throw error;
  }
  const release = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    try {
      await release();
      await pool.end();
    } finally {
      await cleanup();
    }
  };
  return adapter;
}

/** A throwaway in-memory PGlite behind its own socket server (the main PGlite serves one session only). */
async function pgliteShadow(): Promise<PgAdapter> {
  // PGlite is a dependency of apps/api (which embeds it), not of the root package: resolve it from there.
  const require = createRequire(new URL('../apps/api/package.json', import.meta.url));
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const { PGLiteSocketServer } =
    require('@electric-sql/pglite-socket') as typeof import('@electric-sql/pglite-socket');
  const db = new PGlite();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 100 });
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres`;
  return withDispose(poolConfig(url), async () => {
    await server.stop();
    await db.close();
  });
}

/** The adapter factory for `prisma.config.ts`. */
export function migrationAdapter(url: string | undefined): PrismaPg {
  if (!url) throw new Error('DATABASE_URL is not set');
  return new MigrationAdapterFactory(url);
}
