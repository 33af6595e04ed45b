import pg, { type Client } from 'pg';
import type { ApiServer } from './api-server.js';
import { createApiKey } from './cli.js';
import { adminQuery, createThrowawayDatabase } from './database.js';
import { atRunEnd } from './run-cleanup.js';
import type { ScenarioContext } from './scenario.js';
import { type SeedTiming, seedUsers } from './users-seed.js';

/** F2's acceptance size. BENCH_USERS overrides it to try a scenario out quickly (rows say so). */
export const ACCEPTANCE_USERS = 1_000_000;
// biome-ignore lint/suspicious/noUndeclaredEnvVars: `pnpm bench` runs outside turbo, which cannot cache it
const USERS = Number(process.env.BENCH_USERS ?? ACCEPTANCE_USERS);
const TENANT_SLUG = 'bench-million';

/** Users picked from the dataset (about 0.2 %, the same every run) to build requests from. */
export interface SampledUser {
  id: string;
  email: string;
  givenName: string | null;
  familyName: string | null;
}

export interface UsersDataset {
  /** The prepared database; each scenario runs on a copy of it. */
  template: string;
  tenantId: string;
  tenantSlug: string;
  /** A key of that tenant (not a platform key), as a tenant's back end would call with. */
  apiKey: string;
  seed: SeedTiming;
  sample: SampledUser[];
}

let dataset: Promise<UsersDataset> | undefined;

/**
 * The tenant with a million users, seeded on first use in a run and shared by every scenario that
 * needs it: seeding takes about a minute, copying the seeded database a few seconds. The template
 * is dropped when the run ends.
 */
export function millionUsers(ctx: ScenarioContext): Promise<UsersDataset> {
  dataset ??= prepare(ctx);
  return dataset;
}

/** The API on a fresh copy of the dataset, with what a request to the users routes needs. */
export async function startApiOnMillionUsers(ctx: ScenarioContext) {
  const data = await millionUsers(ctx);
  const api: ApiServer = await ctx.startApi({ template: data.template });
  return {
    api,
    data,
    usersUrl: `${api.url}/api/v1/tenants/${data.tenantSlug}/users`,
    headers: { authorization: `Bearer ${data.apiKey}` },
  };
}

async function prepare(ctx: ScenarioContext): Promise<UsersDataset> {
  const db = await createThrowawayDatabase();
  atRunEnd(db.drop);
  // The CLI migrates an empty database and seeds the built-in tenants before creating its key.
  ctx.log('dataset: migrating a new database with the CLI');
  await createApiKey(db.url, 'system', 'bench-migrate');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  let tenantId: string;
  let seed: SeedTiming;
  let sample: SampledUser[];
  try {
    // As the owner, like the seed: a row the API's tenant creation would make (settings: defaults).
    const created = await client.query<{ id: string }>(
      'INSERT INTO tenants (slug, display_name) VALUES ($1, $2) RETURNING id::text AS id',
      [TENANT_SLUG, 'A million users'],
    );
    tenantId = created.rows[0]?.id ?? '';
    ctx.log(`dataset: seeding ${USERS.toLocaleString('en-US')} users into tenant ${TENANT_SLUG}`);
    seed = await seedUsers(client, tenantId, USERS);
    ctx.log(
      `dataset: inserted in ${seed.insertSeconds.toFixed(1)} s, ` +
        `VACUUM ANALYZE ${seed.vacuumSeconds.toFixed(1)} s`,
    );
    sample = await sampleUsers(client, tenantId);
  } finally {
    await client.end();
  }
  const apiKey = await createApiKey(db.url, TENANT_SLUG);
  // A template must have no sessions while it is copied; nothing has a reason to connect any more.
  await adminQuery(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS false`);
  return { template: db.name, tenantId, tenantSlug: TENANT_SLUG, apiKey, seed, sample };
}

async function sampleUsers(client: Client, tenantId: string): Promise<SampledUser[]> {
  const { rows } = await client.query<SampledUser>(
    `SELECT id::text AS id, email, given_name AS "givenName", family_name AS "familyName"
       FROM users TABLESAMPLE BERNOULLI (0.2) REPEATABLE (7)
      WHERE tenant_id = $1::uuid AND status <> 'deleted'`,
    [tenantId],
  );
  return rows;
}
