-- Prefix search and status lists on large tenants, under row-level security.
-- Hand-written: see docs/adr/0007-search-under-rls.md. In short, every tenant query runs as
-- latchkey_app under RLS, and PostgreSQL then turns a condition into an index condition only if its
-- functions are LEAKPROOF (it must not run code that could reveal a row before the tenant policy has
-- filtered it). LIKE, ILIKE and lower() are not leakproof, so `email LIKE 'ann%'` scanned every
-- user of the tenant (1.5 s at 1M users). starts_with() is leakproof, and with a text_pattern_ops
-- index it becomes an index range; the columns it runs on must therefore already be lowercase.

-- Lowercase copies of the names (email_normalized and username_normalized already are). Generated,
-- so no write path can forget them; schema.prisma declares them @ignore with the same expression as
-- a dbgenerated default, which keeps `migrate dev` from reporting drift.
ALTER TABLE "users"
  ADD COLUMN "given_name_lower" TEXT GENERATED ALWAYS AS (lower("given_name")) STORED,
  ADD COLUMN "family_name_lower" TEXT GENERATED ALWAYS AS (lower("family_name")) STORED,
  ADD COLUMN "display_name_lower" TEXT GENERATED ALWAYS AS (lower("display_name")) STORED;

-- One text_pattern_ops index per searched column (the database collation is not C, so a plain
-- btree cannot serve a prefix range). Partial (`IS NOT NULL`) for two reasons: rows without the
-- value are left out, and Prisma ignores partial indexes; a plain one with an operator class is
-- one it cannot read back, and `migrate dev` would drop and recreate it forever. The unique
-- indexes on the normalized columns cannot take an operator class in schema.prisma either.
CREATE INDEX "users_search_email_idx" ON "users" ("tenant_id", "email_normalized" text_pattern_ops)
  WHERE "email_normalized" IS NOT NULL;
CREATE INDEX "users_search_username_idx" ON "users" ("tenant_id", "username_normalized" text_pattern_ops)
  WHERE "username_normalized" IS NOT NULL;
CREATE INDEX "users_search_given_name_idx" ON "users" ("tenant_id", "given_name_lower" text_pattern_ops)
  WHERE "given_name_lower" IS NOT NULL;
CREATE INDEX "users_search_family_name_idx" ON "users" ("tenant_id", "family_name_lower" text_pattern_ops)
  WHERE "family_name_lower" IS NOT NULL;
CREATE INDEX "users_search_display_name_idx" ON "users" ("tenant_id", "display_name_lower" text_pattern_ops)
  WHERE "display_name_lower" IS NOT NULL;

-- Finer statistics for the two columns whose values are almost all distinct. The plan for a prefix
-- depends on how many users it matches: few, and the indexes above find them all; many, and walking
-- the newest users finds a page of matches after a few rows. With the default 100-bucket histogram
-- an estimate at a million users is off by up to a bucket (10,000 users) either way, and an
-- overestimate walks the whole tenant looking for a prefix nobody has. 1,000 buckets bound the
-- error by a tenth of that, for about half a millisecond more planning. (Names need nothing: a
-- few thousand distinct values fit the most-common-values list.)
ALTER TABLE "users"
  ALTER COLUMN "email_normalized" SET STATISTICS 1000,
  ALTER COLUMN "username_normalized" SET STATISTICS 1000;

-- Lists filtered on a rare state, newest first. `status = …` cannot be an index condition under
-- RLS (enum equality is not leakproof), but a partial index's predicate is proven at plan time and
-- never evaluated on rows, so these serve `status=suspended`, `status=deleted` and
-- `emailVerified=false` at any tenant size, each as small as the users in that state. Common
-- states (active, verified) need none: the (tenant_id, created_at, id) index finds a page of them
-- after reading a few rows more than a page.
CREATE INDEX "users_suspended_created_at_idx" ON "users" ("tenant_id", "created_at" DESC, "id" DESC)
  WHERE "status" = 'suspended';
CREATE INDEX "users_deleted_created_at_idx" ON "users" ("tenant_id", "created_at" DESC, "id" DESC)
  WHERE "status" = 'deleted';
CREATE INDEX "users_unverified_created_at_idx" ON "users" ("tenant_id", "created_at" DESC, "id" DESC)
  WHERE NOT "email_verified";
