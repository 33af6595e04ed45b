-- Earlier password hashes of each user, for the tenant's "no reuse of the last N" rule (docs/passwords.md).
-- CreateTable
CREATE TABLE "password_history" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_history_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "password_history_tenant_id_user_id_created_at_idx" ON "password_history"("tenant_id", "user_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: row-level security, as for every tenant-owned table (see identity_foundation).
-- Grants come from the schema's default privileges for latchkey_app.
ALTER TABLE "password_history" ENABLE ROW LEVEL SECURITY;
CREATE POLICY password_history_app_access ON "password_history" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY password_history_tenant_isolation ON "password_history" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());
