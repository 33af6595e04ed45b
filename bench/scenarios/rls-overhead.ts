import pg, { type Client } from 'pg';
import { createThrowawayDatabase } from '../lib/database.js';
import { millionUsers } from '../lib/million-users.js';
import { timeInterleaved } from '../lib/query-timer.js';
import type { Measurement, Scenario, ScenarioContext } from '../lib/scenario.js';
import { emailPrefixes } from '../lib/search-terms.js';

/**
 * What row-level security costs on the users hot paths, straight to PostgreSQL (no HTTP, no
 * Prisma), one query at a time on the million-user tenant. Each query runs in three shapes:
 * - `owner`: one statement as the table owner, no transaction: what a design without RLS sends;
 * - `owner, tx`: the same four round trips as the API (BEGIN, set_config, the query, COMMIT), still
 *   as the owner, so RLS does not apply: the cost of the transaction shape alone;
 * - `app, RLS`: what TenantDatabase.run does: the same, switching to latchkey_app, whose queries
 *   the tenant policy filters: the difference to `owner, tx` is the cost of the policy itself.
 * And once the reason search needed new indexes: a LIKE prefix on the email's text_pattern_ops
 * index, used by the owner, not usable under RLS because LIKE is not leakproof.
 */
export default {
  name: 'rls-overhead',
  description: 'user by id and user search, as the owner vs as latchkey_app under RLS (direct SQL)',
  async run(ctx) {
    const data = await millionUsers(ctx);
    const db = await createThrowawayDatabase(data.template);
    ctx.defer(db.drop);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    ctx.defer(() => client.end());

    const ids = data.sample.map((u) => u.id);
    const prefixes = emailPrefixes(data.sample);
    const queries: QueryCase[] = [
      { name: 'by id', sql: BY_ID, params: (i) => [data.tenantId, pick(ids, i)] },
      { name: 'search', sql: SEARCH, params: (i) => [data.tenantId, pick(prefixes, i)] },
    ];
    const rows: Measurement[] = [];
    for (const query of queries) {
      const measured = await measure(ctx, client, query, SHAPES, data.tenantId);
      const [plain, inTx, rls] = measured;
      if (plain && inTx && rls) rls.notes.push(overhead(plain, inTx, rls));
      rows.push(...measured);
    }
    const like: QueryCase = {
      name: 'email LIKE',
      sql: EMAIL_LIKE,
      params: (i) => [data.tenantId, likePrefix(pick(prefixes, i))],
    };
    rows.push(...(await measure(ctx, client, like, ['owner', 'app, RLS'], data.tenantId)));
    return rows;
  },
} satisfies Scenario;

interface QueryCase {
  name: string;
  sql: string;
  params(i: number): unknown[];
}

type Shape = 'owner' | 'owner, tx' | 'app, RLS';
const SHAPES: readonly Shape[] = ['owner', 'owner, tx', 'app, RLS'];

/** UsersRepository.find. */
const BY_ID = 'SELECT * FROM users WHERE tenant_id = $1::uuid AND id = $2::uuid';

/** The API's list query for `?q=` with the default filter (apps/api/…/identity/users-list.sql.ts). */
const SEARCH = `
  SELECT * FROM users
   WHERE tenant_id = $1::uuid AND status <> 'deleted'
     AND (starts_with(email_normalized, lower($2)) OR starts_with(username_normalized, lower($2))
       OR starts_with(given_name_lower, lower($2)) OR starts_with(family_name_lower, lower($2))
       OR starts_with(display_name_lower, lower($2)))
   ORDER BY created_at DESC, id DESC LIMIT 51`;

/**
 * The search on the email as Prisma's `startsWith` wrote it before (LIKE), on a column that has a
 * text_pattern_ops index for it now.
 */
const EMAIL_LIKE = `
  SELECT * FROM users
   WHERE tenant_id = $1::uuid AND status <> 'deleted' AND email_normalized LIKE $2
   ORDER BY created_at DESC, id DESC LIMIT 51`;

/** `q%` with LIKE's wildcards in `q` escaped, as the API did. */
function likePrefix(q: string): string {
  return `${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
}

async function measure(
  ctx: ScenarioContext,
  client: Client,
  query: QueryCase,
  shapes: readonly Shape[],
  tenantId: string,
): Promise<Measurement[]> {
  ctx.log(`timing ${query.name}: ${shapes.join(' / ')}, interleaved`);
  return timeInterleaved(
    shapes.map((shape) => ({
      label: `rls-overhead / ${query.name}, ${shape}`,
      operation: (i) => runAs(client, shape, tenantId, query.sql, query.params(i)),
    })),
    { warmupSeconds: ctx.settings.warmupSeconds, durationSeconds: ctx.settings.durationSeconds },
  );
}

async function runAs(client: Client, shape: Shape, tenantId: string, sql: string, params: unknown[]) {
  if (shape === 'owner') {
    await client.query(sql, params);
    return;
  }
  await client.query('BEGIN');
  try {
    await client.query(
      shape === 'app, RLS'
        ? "SELECT set_config('role', 'latchkey_app', true), set_config('latchkey.tenant_id', $1, true)"
        : "SELECT set_config('latchkey.tenant_id', $1, true)",
      [tenantId],
    );
    await client.query(sql, params);
  } finally {
    await client.query('COMMIT');
  }
}

/** One line per query: the mean cost RLS adds per operation, split into its two parts. */
function overhead(plain: Measurement, inTx: Measurement, rls: Measurement): string {
  const mean = (m: Measurement) => m.latencyMs?.mean ?? 0;
  const us = (ms: number) => `${Math.round(ms * 1000)} µs`;
  return (
    `RLS adds ${us(mean(rls) - mean(plain))} per query on average over a plain statement: ` +
    `${us(mean(inTx) - mean(plain))} for the transaction and set_config round trips, ` +
    `${us(mean(rls) - mean(inTx))} for the role switch and the tenant policy`
  );
}

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}
