import pg from 'pg';
import type { NamedStatement } from './named-statement.js';
import { executeArguments, inlineParameters } from './sql-literals.js';
import { APP_ROLE } from './tenant-database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Plain SQL on tenant-owned tables for the hottest paths (the token endpoint's artifact store,
 * password sign-in), where Prisma's per-query compilation costs more than the query itself. Same
 * rules as TenantDatabase: every call runs in a transaction that first switches to the application
 * role and the tenant, so row-level security applies exactly as it does to Prisma queries.
 */
export class TenantSql {
  /** Which named statements each pooled connection has prepared (a new connection has none). */
  private readonly preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

  constructor(private readonly pool: pg.Pool) {}

  static connect(connectionString: string, max = 10): TenantSql {
    // A fixed pool, as HikariCP's default: pg-pool closes a connection idle for 10 s, and the next
    // burst paid a new backend and a PREPARE of every hot statement on it (the first second of
    // refresh load after a 10 s pause ran at half speed, docs/benchmarks.md). No idle timer also
    // means no setTimeout and clearTimeout per query. TCP keep-alive finds peers that went away.
    const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 0, keepAlive: true });
    pool.on('error', () => undefined); // a broken idle client is discarded; queries report errors
    return new TenantSql(pool);
  }

  /**
   * Runs one statement under the tenant. A NamedStatement is prepared on the connection the first
   * time and executed by name after that; a plain text is sent with its values as literals.
   */
  async query<Row extends pg.QueryResultRow>(
    tenantId: string,
    statement: string | NamedStatement,
    values: unknown[],
  ): Promise<{ rows: Row[]; rowCount: number }> {
    // The tenant id goes into the statement text: only a well-formed UUID may, and it is checked
    // here, not trusted from the caller.
    if (!UUID.test(tenantId)) throw new Error('tenant id must be a UUID');
    // Utility commands, not a SELECT of set_config(): nothing to plan, and no row for pg to parse.
    const scope = `SET LOCAL ROLE ${APP_ROLE}; SET LOCAL latchkey.tenant_id = '${tenantId}'`;
    const text = typeof statement === 'string' ? statement : statement.text;
    const client = await this.pool.connect();
    try {
      if (typeof statement !== 'string') {
        const args = executeArguments(values);
        if (args !== undefined) return await this.execute<Row>(client, scope, statement, args);
      }
      const inlined = inlineParameters(text, values);
      if (inlined !== undefined) return await oneRoundTrip<Row>(client, scope, inlined);
      return await threeRoundTrips<Row>(client, scope, text, values);
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async execute<Row extends pg.QueryResultRow>(
    client: pg.PoolClient,
    scope: string,
    statement: NamedStatement,
    args: string,
  ): Promise<{ rows: Row[]; rowCount: number }> {
    let prepared = this.preparedOn.get(client);
    if (!prepared) {
      prepared = new Set();
      this.preparedOn.set(client, prepared);
    }
    if (!prepared.has(statement.name)) {
      await prepare(client, scope, statement);
      prepared.add(statement.name);
    }
    try {
      return await oneRoundTrip<Row>(client, scope, `EXECUTE ${statement.name}${args}`);
    } catch (error) {
      const gone = isUnknownStatement(error);
      if (!gone && !isStalePlan(error)) throw error;
      // Either refusal comes before anything ran, so preparing again and retrying once is safe.
      // Stale: a migration changed the columns the statement returns since it was prepared. Gone:
      // something between us and PostgreSQL reset the session (DISCARD ALL, a pooler's reset query).
      if (!gone) await client.query(`DEALLOCATE ${statement.name}`);
      await prepare(client, scope, statement);
      return await oneRoundTrip<Row>(client, scope, `EXECUTE ${statement.name}${args}`);
    }
  }
}

/**
 * Prepared under the application role and the tenant, as it will run: row-level security is applied
 * when a statement is analysed, and PostgreSQL analyses again if it ever runs under another role.
 * The tenant itself is read by the policy when the statement runs, never planned in.
 */
async function prepare(client: pg.PoolClient, scope: string, statement: NamedStatement): Promise<void> {
  try {
    await client.query(`${scope}; PREPARE ${statement.name} AS ${statement.text}`);
  } catch (error) {
    // Embedded mode: every pooled connection speaks to PGlite's one session, where another
    // connection may have prepared it already (a name stands for one text in the process).
    if (sqlState(error) === DUPLICATE_PREPARED_STATEMENT) return;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not prepare ${statement.name}: ${reason}`, { cause: error });
  }
}

const DUPLICATE_PREPARED_STATEMENT = '42P05';

/** PostgreSQL's SQLSTATE of a failed query (pg puts it on the error as `code`). */
function sqlState(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

/** `prepared statement "…" does not exist` (invalid_sql_statement_name). */
function isUnknownStatement(error: unknown): boolean {
  return sqlState(error) === '26000';
}

/** `cached plan must not change result type` (feature_not_supported, raised by the plan cache). */
function isStalePlan(error: unknown): boolean {
  return sqlState(error) === '0A000' && /cached plan/.test(String(error));
}

/**
 * Scope and statement in one simple-protocol message. PostgreSQL runs a multi-statement message as
 * one implicit transaction, so the LOCAL settings hold for the statement and end with it; an error
 * rolls the whole message back and leaves the connection idle. Each round trip saved is a socket
 * write, a read and a promise turn on the API's CPU, on every sign-in and token request.
 */
async function oneRoundTrip<Row extends pg.QueryResultRow>(
  client: pg.PoolClient,
  scope: string,
  statement: string,
): Promise<{ rows: Row[]; rowCount: number }> {
  const results = (await client.query(`${scope}; ${statement}`)) as unknown as pg.QueryResult<Row>[];
  const result = results[results.length - 1] as pg.QueryResult<Row>;
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}

/** Values that cannot be written as literals (binary data, arrays) travel as bound parameters. */
async function threeRoundTrips<Row extends pg.QueryResultRow>(
  client: pg.PoolClient,
  scope: string,
  text: string,
  values: unknown[],
): Promise<{ rows: Row[]; rowCount: number }> {
  try {
    await client.query(`BEGIN; ${scope}`);
    const result = await client.query<Row>(text, values);
    await client.query('COMMIT');
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
