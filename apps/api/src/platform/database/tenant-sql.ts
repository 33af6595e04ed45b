import pg from 'pg';
import { inlineParameters } from './sql-literals.js';
import { APP_ROLE } from './tenant-database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Plain SQL on tenant-owned tables for the hottest paths (the token endpoint's artifact store,
 * password sign-in), where Prisma's per-query compilation costs more than the query itself. Same
 * rules as TenantDatabase: every call runs in a transaction that first switches to the application
 * role and the tenant, so row-level security applies exactly as it does to Prisma queries.
 */
export class TenantSql {
  constructor(private readonly pool: pg.Pool) {}

  static connect(connectionString: string, max = 10): TenantSql {
    const pool = new pg.Pool({ connectionString, max });
    pool.on('error', () => undefined); // a broken idle client is discarded; queries report errors
    return new TenantSql(pool);
  }

  async query<Row extends pg.QueryResultRow>(
    tenantId: string,
    text: string,
    values: unknown[],
  ): Promise<{ rows: Row[]; rowCount: number }> {
    // The tenant id goes into the statement text: only a well-formed UUID may, and it is checked
    // here, not trusted from the caller.
    if (!UUID.test(tenantId)) throw new Error('tenant id must be a UUID');
    // Utility commands, not a SELECT of set_config(): nothing to plan, and no row for pg to parse.
    const scope = `SET LOCAL ROLE ${APP_ROLE}; SET LOCAL latchkey.tenant_id = '${tenantId}'`;
    const inlined = inlineParameters(text, values);
    const client = await this.pool.connect();
    try {
      if (inlined !== undefined) return await oneRoundTrip<Row>(client, scope, inlined);
      return await threeRoundTrips<Row>(client, scope, text, values);
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
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
