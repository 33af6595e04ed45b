-- CreateEnum
CREATE TYPE "user_status" AS ENUM ('active', 'suspended', 'deleted');

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "email_normalized" TEXT NOT NULL,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "username" TEXT,
    "username_normalized" TEXT,
    "phone" TEXT,
    "given_name" TEXT,
    "family_name" TEXT,
    "display_name" TEXT,
    "picture" TEXT,
    "locale" TEXT,
    "zoneinfo" TEXT,
    "public_metadata" JSONB NOT NULL DEFAULT '{}',
    "private_metadata" JSONB NOT NULL DEFAULT '{}',
    "status" "user_status" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sign_in_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_id_key" ON "api_keys"("key_id");

-- CreateIndex
CREATE INDEX "api_keys_tenant_id_idx" ON "api_keys"("tenant_id");

-- CreateIndex
CREATE INDEX "users_tenant_id_created_at_id_idx" ON "users"("tenant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "users_tenant_id_email_normalized_key" ON "users"("tenant_id", "email_normalized");

-- CreateIndex
CREATE UNIQUE INDEX "users_tenant_id_username_normalized_key" ON "users"("tenant_id", "username_normalized");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma cannot express roles, functions or policies, so they never show up as drift).
-- Row-level security is the backstop behind the tenant-scoped repositories: the application runs
-- every tenant transaction as `latchkey_app` (SET LOCAL ROLE), neither owner nor BYPASSRLS, with
-- `latchkey.tenant_id` set for that transaction only. Migrations keep running as the owner.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'latchkey_app') THEN
    CREATE ROLE latchkey_app NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO latchkey_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO latchkey_app;
DO $$
BEGIN
  -- The migration history is not the application's business (absent in Prisma's shadow database).
  IF to_regclass('_prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON TABLE "_prisma_migrations" FROM latchkey_app;
  END IF;
END
$$;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO latchkey_app;

-- The tenant of the current transaction; NULL (no rows at all) when none was set.
CREATE FUNCTION latchkey_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('latchkey.tenant_id', true), '')::uuid $$;

ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_app_access ON "users" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY users_tenant_isolation ON "users" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "job_executions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_executions_app_access ON "job_executions" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY job_executions_tenant_isolation ON "job_executions" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

-- Platform-level tables: the application role reads them only for what it must (tenant resolution,
-- API key lookup); writes to them happen as platform code too. No tenant policy.
