import pg from 'pg';
import { APP_ROLE } from './tenant-database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Plain SQL on tenant-owned tables for the hottest paths (the token endpoint's artifact store),
 * where Prisma's per-query compilation costs more than the query itself. Same rules as
 * TenantDatabase: every call is a transaction that first switches to the application role and the
 * tenant, so row-level security applies exactly as it does to Prisma queries.
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
    // The tenant id goes into a simple-protocol statement (one round trip with BEGIN): only a
    // well-formed UUID may, and it is checked here, not trusted from the caller.
    if (!UUID.test(tenantId)) throw new Error('tenant id must be a UUID');
    const client = await this.pool.connect();
    try {
      await client.query(
        `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('latchkey.tenant_id', '${tenantId}', true)`,
      );
      const result = await client.query<Row>(text, values);
      await client.query('COMMIT');
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
