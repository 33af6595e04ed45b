import type { Client } from 'pg';

/** Most common first: an index drawn as length × u² (u uniform) picks the early ones more often. */
const GIVEN_NAMES = words(`
  James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara
  Richard Susan Joseph Jessica Thomas Sarah Charles Karen Anna Lukas Sophie Leon
  Mia Noah Emma Liam Olivia Mateo Lucía Hugo Chloé Louis Léa Jakub
  Zofia Aiko Haruto Yuki Priya Arjun Wei Mei Ali Fatima Omar Amira
  Ivan Olga Pedro Ana João Sofía Diego Valentina Lars Ingrid Björn Astrid
  Finn Zoë Nora Ezra Ava Ethan Isla Kai Maya Owen Quinn Ruby
  Theo Una Vera Xavier Yara Zane Greta Hanna Ida Jonas Kira Milan
  Nadia Otto Paula Rosa Selim Tariq
`);

/** Likewise. */
const FAMILY_NAMES = words(`
  Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Müller Schmidt
  Schneider Fischer Weber Meyer Wagner Becker Dubois Martin Bernard Rossi Russo Ferrari
  Kowalski Nowak Wiśniewski Novák Svoboda Nielsen Jensen Hansen Johansson Andersson Virtanen Korhonen
  Sato Suzuki Takahashi Tanaka Wang Li Zhang Liu Chen Kim Lee Park
  Nguyen Tran Singh Kumar Patel Shah Khan Ahmed Hassan Ivanov Petrov Silva
  Santos Oliveira Pereira Costa López González Hernández Pérez Sánchez Ramírez OConnor Murphy
  Kelly Walsh Byrne Ryan Clarke Young King Wright Hill Scott Green Adams
  Baker Nelson Carter Mitchell Roberts Turner
`);

/** gmail three times out of twenty, as it leads real address books. */
const DOMAINS = words(`
  gmail.com gmail.com gmail.com outlook.com hotmail.com yahoo.com icloud.com proton.me
  gmx.de web.de orange.fr libero.it qq.com naver.com acme.io example.org
  globex.com initech.net umbrella.co hooli.xyz
`);

/**
 * Users for the search benchmarks, made by PostgreSQL in one INSERT … SELECT over
 * generate_series, as the table owner: no round trip per row, and every index and generated
 * column is maintained as the application's own inserts maintain them. Deterministic (hashint4 of
 * the row number, not random()), so every run searches the same data.
 *
 * What the data looks like, so that prefixes select realistically:
 * - names from 90 given and 90 family names of many languages (accents included), skewed so the
 *   first of each list are the most common, as real names are;
 * - emails in eight common shapes (`ann.lee4821@…`, `alee4821@…`, `lee.ann4821@…`, …) over 20
 *   domains, made unique by a number that is a permutation of the row number (so it says nothing
 *   about when the user signed up, as in real addresses); one in five typed with capitals;
 * - a username for one in three, no given name for one in twenty, no display name for one in ten;
 * - 80 % verified; 96 % active, 3 % suspended, 1 % deleted;
 * - created over the last three years, in row order.
 */
const SEED_SQL = `
WITH r AS (
  SELECT n,
    (hashint4(n) & 2147483647)::float8 / 2147483648 AS u1,
    (hashint4(n + 1000003) & 2147483647)::float8 / 2147483648 AS u2,
    hashint4(n + 2000006) & 2147483647 AS h3,
    hashint4(n + 3000009) & 2147483647 AS h4,
    hashint4(n + 4000012) & 2147483647 AS h5,
    -- n -> n * 7919 mod 10000019 (a prime): distinct for every n below it, in no useful order.
    (n::bigint * 7919) % 10000019 AS k
  FROM generate_series(1, $2::int) AS n
), named AS (
  SELECT r.*,
    (ARRAY[${sqlList(GIVEN_NAMES)}])[1 + floor(${GIVEN_NAMES.length} * u1 * u1)::int] AS given,
    (ARRAY[${sqlList(FAMILY_NAMES)}])[1 + floor(${FAMILY_NAMES.length} * u2 * u2)::int] AS family
  FROM r
), ascii AS (
  -- Email local parts are ASCII: the names without their accents.
  SELECT named.*,
    translate(lower(given), 'áãäçéëíñóöøśúü', 'aaaceeinooosuu') AS g,
    translate(lower(family), 'áãäçéëíñóöøśúü', 'aaaceeinooosuu') AS f
  FROM named
), mailed AS (
  SELECT ascii.*,
    (CASE h3 % 8
      WHEN 0 THEN g || '.' || f || k
      WHEN 1 THEN g || f || k
      WHEN 2 THEN left(g, 1) || f || k
      WHEN 3 THEN f || '.' || g || k
      WHEN 4 THEN g || '_' || f || k
      WHEN 5 THEN g || k
      WHEN 6 THEN g || '.' || f || '.' || k
      ELSE left(g, 1) || '.' || f || k
    END) || '@' || (ARRAY[${sqlList(DOMAINS)}])[1 + h4 % ${DOMAINS.length}] AS mail,
    now() - interval '3 years' * (1 - n / $2::float8) AS at
  FROM ascii
)
INSERT INTO users (tenant_id, email, email_normalized, email_verified, username, username_normalized,
  given_name, family_name, display_name, status, created_at, updated_at, deleted_at)
SELECT $1::uuid,
  CASE WHEN h5 % 5 = 0 THEN initcap(mail) ELSE mail END,
  mail,
  h5 % 10 < 8,
  CASE WHEN h3 % 3 = 0 THEN g || left(f, 1) || k END,
  CASE WHEN h3 % 3 = 0 THEN g || left(f, 1) || k END,
  CASE WHEN h4 % 20 <> 7 THEN given END,
  family,
  CASE WHEN h5 % 10 = 9 THEN NULL WHEN h5 % 10 = 8 THEN given ELSE given || ' ' || family END,
  (CASE WHEN h4 % 100 < 1 THEN 'deleted' WHEN h4 % 100 < 4 THEN 'suspended' ELSE 'active' END)::user_status,
  at, at,
  CASE WHEN h4 % 100 < 1 THEN at + interval '30 days' END
FROM mailed`;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** A SQL array body of string literals (the words above contain no quotes). */
function sqlList(list: readonly string[]): string {
  return list.map((word) => `'${word}'`).join(', ');
}

export interface SeedTiming {
  users: number;
  /** The INSERT, index and generated-column maintenance included. */
  insertSeconds: number;
  /** VACUUM ANALYZE: statistics for the planner and a visibility map, as a settled table has. */
  vacuumSeconds: number;
}

/** Inserts `count` users into the tenant and leaves the table analyzed, ready to be queried. */
export async function seedUsers(client: Client, tenantId: string, count: number): Promise<SeedTiming> {
  let started = performance.now();
  const inserted = await client.query(SEED_SQL, [tenantId, count]);
  const insertSeconds = (performance.now() - started) / 1000;
  if (inserted.rowCount !== count) throw new Error(`seeded ${inserted.rowCount} users, expected ${count}`);
  // Autovacuum would otherwise run it in the middle of a measurement.
  started = performance.now();
  await client.query('VACUUM (ANALYZE) users');
  return { users: count, insertSeconds, vacuumSeconds: (performance.now() - started) / 1000 };
}
