-- CreateTable
CREATE TABLE "organizations" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "allowed_sign_in_methods" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "mfa_required" BOOLEAN NOT NULL DEFAULT false,
    "jit_provisioning" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "organization_domains" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "verification_token" TEXT NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_domains_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "tenant_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("tenant_id","organization_id","user_id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "email_normalized" TEXT NOT NULL,
    "role_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_user_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "api_resources" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_resources_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "permissions" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "resource_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "permissions_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "roles" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "role_permissions" (
    "tenant_id" UUID NOT NULL,
    "role_id" UUID NOT NULL,
    "permission_id" UUID NOT NULL,

    CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("tenant_id","role_id","permission_id")
);

-- CreateTable
CREATE TABLE "user_roles" (
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_roles_pkey" PRIMARY KEY ("tenant_id","user_id","role_id")
);

-- CreateTable
CREATE TABLE "membership_roles" (
    "tenant_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "membership_roles_pkey" PRIMARY KEY ("tenant_id","organization_id","user_id","role_id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "changes" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "user_agent" TEXT,
    "request_id" TEXT,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_tenant_id_slug_key" ON "organizations"("tenant_id", "slug");

-- CreateIndex
CREATE INDEX "organization_domains_tenant_id_organization_id_idx" ON "organization_domains"("tenant_id", "organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "organization_domains_tenant_id_domain_key" ON "organization_domains"("tenant_id", "domain");

-- CreateIndex
CREATE INDEX "memberships_tenant_id_user_id_idx" ON "memberships"("tenant_id", "user_id");

-- CreateIndex
CREATE INDEX "invitations_tenant_id_organization_id_idx" ON "invitations"("tenant_id", "organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_tenant_id_token_hash_key" ON "invitations"("tenant_id", "token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_resources_tenant_id_identifier_key" ON "api_resources"("tenant_id", "identifier");

-- CreateIndex
CREATE UNIQUE INDEX "permissions_tenant_id_resource_id_name_key" ON "permissions"("tenant_id", "resource_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "roles_tenant_id_name_key" ON "roles"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "role_permissions_tenant_id_permission_id_idx" ON "role_permissions"("tenant_id", "permission_id");

-- CreateIndex
CREATE INDEX "user_roles_tenant_id_role_id_idx" ON "user_roles"("tenant_id", "role_id");

-- CreateIndex
CREATE INDEX "membership_roles_tenant_id_role_id_idx" ON "membership_roles"("tenant_id", "role_id");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_occurred_at_idx" ON "audit_events"("tenant_id", "occurred_at" DESC);

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_tenant_id_organization_id_fkey" FOREIGN KEY ("tenant_id", "organization_id") REFERENCES "organizations"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_organization_id_fkey" FOREIGN KEY ("tenant_id", "organization_id") REFERENCES "organizations"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_organization_id_fkey" FOREIGN KEY ("tenant_id", "organization_id") REFERENCES "organizations"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_resources" ADD CONSTRAINT "api_resources_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_tenant_id_resource_id_fkey" FOREIGN KEY ("tenant_id", "resource_id") REFERENCES "api_resources"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roles" ADD CONSTRAINT "roles_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_tenant_id_role_id_fkey" FOREIGN KEY ("tenant_id", "role_id") REFERENCES "roles"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_tenant_id_permission_id_fkey" FOREIGN KEY ("tenant_id", "permission_id") REFERENCES "permissions"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_tenant_id_role_id_fkey" FOREIGN KEY ("tenant_id", "role_id") REFERENCES "roles"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership_roles" ADD CONSTRAINT "membership_roles_tenant_id_organization_id_user_id_fkey" FOREIGN KEY ("tenant_id", "organization_id", "user_id") REFERENCES "memberships"("tenant_id", "organization_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership_roles" ADD CONSTRAINT "membership_roles_tenant_id_role_id_fkey" FOREIGN KEY ("tenant_id", "role_id") REFERENCES "roles"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: row-level security on every new tenant-owned table (see identity_foundation).
ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY organizations_app_access ON "organizations" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY organizations_tenant_isolation ON "organizations" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "organization_domains" ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_domains_app_access ON "organization_domains" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY organization_domains_tenant_isolation ON "organization_domains" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
CREATE POLICY memberships_app_access ON "memberships" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY memberships_tenant_isolation ON "memberships" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY invitations_app_access ON "invitations" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY invitations_tenant_isolation ON "invitations" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "api_resources" ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_resources_app_access ON "api_resources" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY api_resources_tenant_isolation ON "api_resources" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "permissions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY permissions_app_access ON "permissions" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY permissions_tenant_isolation ON "permissions" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "roles" ENABLE ROW LEVEL SECURITY;
CREATE POLICY roles_app_access ON "roles" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY roles_tenant_isolation ON "roles" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "role_permissions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY role_permissions_app_access ON "role_permissions" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY role_permissions_tenant_isolation ON "role_permissions" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "user_roles" ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_roles_app_access ON "user_roles" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY user_roles_tenant_isolation ON "user_roles" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "membership_roles" ENABLE ROW LEVEL SECURITY;
CREATE POLICY membership_roles_app_access ON "membership_roles" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY membership_roles_tenant_isolation ON "membership_roles" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

-- The audit trail is append-only for the application: it may add events and read them, never rewrite them.
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
REVOKE UPDATE, DELETE ON "audit_events" FROM latchkey_app;
CREATE POLICY audit_events_app_access ON "audit_events" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY audit_events_tenant_isolation ON "audit_events" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());
