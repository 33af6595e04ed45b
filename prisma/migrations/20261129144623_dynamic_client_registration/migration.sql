-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "registration" JSONB;

-- CreateTable
CREATE TABLE "initial_access_tokens" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "max_uses" INTEGER,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "initial_access_tokens_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "initial_access_tokens_tenant_id_token_hash_key" ON "initial_access_tokens"("tenant_id", "token_hash");

-- AddForeignKey
ALTER TABLE "initial_access_tokens" ADD CONSTRAINT "initial_access_tokens_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: row-level security, as for every tenant-owned table (see identity_foundation).
ALTER TABLE "initial_access_tokens" ENABLE ROW LEVEL SECURITY;
CREATE POLICY initial_access_tokens_app_access ON "initial_access_tokens" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY initial_access_tokens_tenant_isolation ON "initial_access_tokens" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

-- Hand-written: value checks Prisma cannot express.
ALTER TABLE "initial_access_tokens" ADD CONSTRAINT "initial_access_tokens_uses_check"
  CHECK ("uses" >= 0 AND ("max_uses" IS NULL OR ("max_uses" >= 1 AND "uses" <= "max_uses")));
-- A client that registered itself never calls the management API.
ALTER TABLE "applications" ADD CONSTRAINT "applications_registration_check"
  CHECK ("registration" IS NULL OR NOT "management_access");
