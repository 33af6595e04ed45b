import type { AdapterPayload } from 'oidc-provider';
import { namedStatement } from '../../../platform/database/named-statement.js';
import { textArrayLiteral } from '../../../platform/database/sql-literals.js';
import type { TenantSql } from '../../../platform/database/tenant-sql.js';
import { accountFromJson, accountJson, activeAccountJoin } from '../../identity/account-columns.js';
import type { FoundWithGrant, OidcStore, StoredSession } from './oidc-store.js';
import { SameTurnBatches } from './same-turn-batches.js';

interface PayloadRow {
  payload: AdapterPayload;
  consumed_at: Date | null;
}

const LIVE = '(expires_at IS NULL OR expires_at > now())';

/**
 * Artifacts by id, each with its live grant and its active account (identity's columns), in one
 * statement: one row per element of the id array that names a live artifact, numbered by its
 * position (`n`). Every element is looked up on its own, repeated ids included, so a batch costs
 * PostgreSQL and the parser what its refreshes would have cost one by one, less the round trips.
 */
const FIND_WITH_GRANTS_SQL = namedStatement(
  'latchkey_oidc_find_with_grants',
  `SELECT r.n::int AS n, t.payload, t.consumed_at, g.payload AS grant_payload, ${accountJson('a')} AS account
    FROM unnest($3::text[]) WITH ORDINALITY AS r(id, n)
    JOIN oidc_payloads t
      ON t.tenant_id = $1 AND t.model = $2 AND t.id = r.id
     AND (t.expires_at IS NULL OR t.expires_at > now())
    LEFT JOIN oidc_payloads g
      ON g.tenant_id = t.tenant_id AND g.model = 'Grant' AND g.id = t.grant_id
     AND (g.expires_at IS NULL OR g.expires_at > now())
    ${activeAccountJoin('a', 't.tenant_id', 't.account_id')}`,
);

/** Refresh reads of one tenant and model share a statement up to this many. */
const MAX_READS_PER_STATEMENT = 64;

const UPSERT_SQL = namedStatement(
  'latchkey_oidc_upsert',
  `INSERT INTO oidc_payloads (tenant_id, model, id, payload, grant_id, user_code, uid, account_id, expires_at, consumed_at, saved_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $9, CASE WHEN $8::int IS NULL THEN NULL ELSE now() + make_interval(secs => $8::int) END, NULL, now())
  ON CONFLICT (tenant_id, model, id) DO UPDATE
    SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, user_code = EXCLUDED.user_code,
        uid = EXCLUDED.uid, account_id = EXCLUDED.account_id, expires_at = EXCLUDED.expires_at,
        consumed_at = NULL, saved_at = now()`,
);

const CONSUME_SQL = namedStatement(
  'latchkey_oidc_consume',
  'UPDATE oidc_payloads SET consumed_at = now() WHERE tenant_id = $1 AND model = $2 AND id = $3',
);

const DESTROY_SQL = namedStatement(
  'latchkey_oidc_destroy',
  'DELETE FROM oidc_payloads WHERE tenant_id = $1 AND model = $2 AND id = $3',
);

const REVOKE_BY_GRANT_SQL = namedStatement(
  'latchkey_oidc_revoke_by_grant',
  'DELETE FROM oidc_payloads WHERE tenant_id = $1 AND model = $2 AND grant_id = $3',
);

// `model = 'Session'` as a literal: it proves the partial index's predicate in any plan.
const SESSIONS_OF_SQL = namedStatement(
  'latchkey_oidc_sessions_of',
  `SELECT payload, saved_at FROM oidc_payloads
    WHERE tenant_id = $1 AND model = 'Session' AND account_id = $2 AND ${LIVE}
    ORDER BY saved_at DESC`,
);

/** A live artifact by one of its keys. */
const FIND_BY = {
  id: findBy('id'),
  uid: findBy('uid'),
  user_code: findBy('user_code'),
} as const;

function findBy(column: 'id' | 'uid' | 'user_code') {
  return namedStatement(
    `latchkey_oidc_find_by_${column}`,
    `SELECT payload, consumed_at FROM oidc_payloads
      WHERE tenant_id = $1 AND model = $2 AND ${column} = $3 AND ${LIVE} LIMIT 1`,
  );
}

/**
 * Artifacts in `oidc_payloads`, one tenant transaction per call (row-level security applies). Plain
 * SQL rather than Prisma: this is the token endpoint's hot path (every refresh reads the token and
 * its grant), where query compilation would cost more than the queries.
 */
export class PgOidcStore implements OidcStore {
  /**
   * Under load the refreshes of a tenant arrive together (ten in most event-loop turns of the
   * benchmark): each one's round trip cost the API a socket write that wakes a PostgreSQL backend,
   * a pooled connection and a result to parse. Reads started in the same turn go as one statement.
   */
  private readonly refreshReads = new SameTurnBatches<ArtifactRef, FoundWithGrant>(
    (refs) => this.readWithGrants(refs),
    MAX_READS_PER_STATEMENT,
  );

  constructor(private readonly sql: TenantSql) {}

  async upsert(tenantId: string, model: string, id: string, payload: AdapterPayload, expiresIn?: number) {
    await this.sql.query(tenantId, UPSERT_SQL, [
      tenantId,
      model,
      id,
      JSON.stringify(payload),
      payload.grantId ?? null,
      payload.userCode ?? null,
      payload.uid ?? null,
      expiresIn ? Math.ceil(expiresIn) : null,
      typeof payload.accountId === 'string' ? payload.accountId : null,
    ]);
  }

  find(tenantId: string, model: string, id: string) {
    return this.findOne(tenantId, 'id', model, id);
  }

  findByUid(tenantId: string, model: string, uid: string) {
    return this.findOne(tenantId, 'uid', model, uid);
  }

  findByUserCode(tenantId: string, model: string, userCode: string) {
    return this.findOne(tenantId, 'user_code', model, userCode);
  }

  async consume(tenantId: string, model: string, id: string) {
    await this.sql.query(tenantId, CONSUME_SQL, [tenantId, model, id]);
  }

  async destroy(tenantId: string, model: string, id: string) {
    await this.sql.query(tenantId, DESTROY_SQL, [tenantId, model, id]);
  }

  async revokeByGrantId(tenantId: string, model: string, grantId: string) {
    await this.sql.query(tenantId, REVOKE_BY_GRANT_SQL, [tenantId, model, grantId]);
  }

  async sessionsOf(tenantId: string, accountId: string): Promise<StoredSession[]> {
    const { rows } = await this.sql.query<{ payload: AdapterPayload; saved_at: Date }>(
      tenantId,
      SESSIONS_OF_SQL,
      [tenantId, accountId],
    );
    return rows.map((row) => ({ payload: row.payload, savedAt: row.saved_at.getTime() }));
  }

  findWithGrant(tenantId: string, model: string, id: string): Promise<FoundWithGrant> {
    // PostgreSQL refuses a NUL in text: such an id names nothing, and must not fail the batch.
    if (id.includes('\0')) return Promise.resolve(nothingFound());
    return this.refreshReads.add(`${tenantId}/${model}`, { tenantId, model, id });
  }

  private async readWithGrants(refs: ArtifactRef[]): Promise<FoundWithGrant[]> {
    const { tenantId, model } = refs[0] as ArtifactRef;
    const { rows } = await this.sql.query<
      PayloadRow & { n: number; grant_payload: AdapterPayload | null; account: unknown }
    >(tenantId, FIND_WITH_GRANTS_SQL, [tenantId, model, textArrayLiteral(refs.map((ref) => ref.id))]);
    const found = refs.map(nothingFound);
    for (const row of rows) {
      found[row.n - 1] = {
        payload: withConsumed(row),
        grant: row.grant_payload ?? undefined,
        account: accountFromJson(row.account),
      };
    }
    return found;
  }

  private async findOne(
    tenantId: string,
    column: 'id' | 'uid' | 'user_code',
    model: string,
    value: string,
  ): Promise<AdapterPayload | undefined> {
    const { rows } = await this.sql.query<PayloadRow>(tenantId, FIND_BY[column], [tenantId, model, value]);
    const row = rows[0];
    return row ? withConsumed(row) : undefined;
  }
}

interface ArtifactRef {
  tenantId: string;
  model: string;
  id: string;
}

function nothingFound(): FoundWithGrant {
  return { payload: undefined, grant: undefined, account: undefined };
}

function withConsumed(row: PayloadRow): AdapterPayload {
  return row.consumed_at
    ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) }
    : row.payload;
}
