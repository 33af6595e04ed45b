-- CreateEnum
CREATE TYPE "signing_key_status" AS ENUM ('next', 'active', 'retired');

-- CreateEnum
CREATE TYPE "application_type" AS ENUM ('spa', 'web', 'native', 'm2m');

-- CreateTable
CREATE TABLE "signing_keys" (
    "tenant_id" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "status" "signing_key_status" NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "private_jwk_sealed" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),
    "retired_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "applications" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "client_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "type" "application_type" NOT NULL,
    "redirect_uris" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "post_logout_redirect_uris" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "allowed_origins" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "grant_types" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "token_endpoint_auth_method" TEXT NOT NULL,
    "jwks" JSONB,
    "backchannel_logout_uri" TEXT,
    "first_party" BOOLEAN NOT NULL DEFAULT true,
    "access_token_ttl" INTEGER,
    "id_token_ttl" INTEGER,
    "refresh_token_ttl" INTEGER,
    "rotate_refresh_tokens" BOOLEAN NOT NULL DEFAULT true,
    "claim_mappings" JSONB NOT NULL DEFAULT '{}',
    "organization_usage" TEXT NOT NULL DEFAULT 'none',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "applications_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "application_secrets" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "application_id" UUID NOT NULL,
    "secret_sealed" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "application_secrets_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "oidc_payloads" (
    "tenant_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "grant_id" TEXT,
    "user_code" TEXT,
    "uid" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "consumed_at" TIMESTAMPTZ(3),

    CONSTRAINT "oidc_payloads_pkey" PRIMARY KEY ("tenant_id","model","id")
);

-- CreateIndex
CREATE INDEX "signing_keys_tenant_id_status_idx" ON "signing_keys"("tenant_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "applications_tenant_id_client_id_key" ON "applications"("tenant_id", "client_id");

-- CreateIndex
CREATE INDEX "application_secrets_tenant_id_application_id_idx" ON "application_secrets"("tenant_id", "application_id");

-- CreateIndex
CREATE INDEX "oidc_payloads_tenant_id_grant_id_idx" ON "oidc_payloads"("tenant_id", "grant_id");

-- CreateIndex
CREATE INDEX "oidc_payloads_tenant_id_model_uid_idx" ON "oidc_payloads"("tenant_id", "model", "uid");

-- CreateIndex
CREATE INDEX "oidc_payloads_tenant_id_model_user_code_idx" ON "oidc_payloads"("tenant_id", "model", "user_code");

-- CreateIndex
CREATE INDEX "oidc_payloads_expires_at_idx" ON "oidc_payloads"("expires_at");

-- AddForeignKey
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "applications" ADD CONSTRAINT "applications_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_secrets" ADD CONSTRAINT "application_secrets_tenant_id_application_id_fkey" FOREIGN KEY ("tenant_id", "application_id") REFERENCES "applications"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oidc_payloads" ADD CONSTRAINT "oidc_payloads_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: value checks Prisma cannot express.
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_alg_check" CHECK ("alg" IN ('ES256', 'RS256', 'EdDSA'));
-- At most one active and one next key per tenant: signing picks the active one, rotation promotes the next.
CREATE UNIQUE INDEX "signing_keys_one_active_idx" ON "signing_keys"("tenant_id") WHERE "status" = 'active';
CREATE UNIQUE INDEX "signing_keys_one_next_idx" ON "signing_keys"("tenant_id") WHERE "status" = 'next';
ALTER TABLE "applications" ADD CONSTRAINT "applications_organization_usage_check"
  CHECK ("organization_usage" IN ('none', 'optional', 'required'));
ALTER TABLE "applications" ADD CONSTRAINT "applications_token_endpoint_auth_method_check"
  CHECK ("token_endpoint_auth_method" IN ('client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'));

-- Hand-written: row-level security, as for every tenant-owned table (see identity_foundation).
ALTER TABLE "signing_keys" ENABLE ROW LEVEL SECURITY;
CREATE POLICY signing_keys_app_access ON "signing_keys" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY signing_keys_tenant_isolation ON "signing_keys" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "applications" ENABLE ROW LEVEL SECURITY;
CREATE POLICY applications_app_access ON "applications" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY applications_tenant_isolation ON "applications" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "application_secrets" ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_secrets_app_access ON "application_secrets" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY application_secrets_tenant_isolation ON "application_secrets" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "oidc_payloads" ENABLE ROW LEVEL SECURITY;
CREATE POLICY oidc_payloads_app_access ON "oidc_payloads" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY oidc_payloads_tenant_isolation ON "oidc_payloads" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());
