-- CreateTable
CREATE TABLE "application_api_access" (
    "tenant_id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "api_resource_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_api_access_pkey" PRIMARY KEY ("tenant_id","application_id","api_resource_id")
);

-- CreateTable
CREATE TABLE "application_api_access_permissions" (
    "tenant_id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "api_resource_id" UUID NOT NULL,
    "permission_id" UUID NOT NULL,

    CONSTRAINT "application_api_access_permissions_pkey" PRIMARY KEY ("tenant_id","application_id","api_resource_id","permission_id")
);

-- CreateIndex
CREATE INDEX "application_api_access_tenant_id_api_resource_id_idx" ON "application_api_access"("tenant_id", "api_resource_id");

-- CreateIndex
CREATE INDEX "application_api_access_permissions_tenant_id_api_resource_i_idx" ON "application_api_access_permissions"("tenant_id", "api_resource_id", "permission_id");

-- CreateIndex
CREATE UNIQUE INDEX "permissions_tenant_id_resource_id_id_key" ON "permissions"("tenant_id", "resource_id", "id");

-- AddForeignKey
ALTER TABLE "application_api_access" ADD CONSTRAINT "application_api_access_tenant_id_application_id_fkey" FOREIGN KEY ("tenant_id", "application_id") REFERENCES "applications"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_api_access" ADD CONSTRAINT "application_api_access_tenant_id_api_resource_id_fkey" FOREIGN KEY ("tenant_id", "api_resource_id") REFERENCES "api_resources"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_api_access_permissions" ADD CONSTRAINT "application_api_access_permissions_tenant_id_application_i_fkey" FOREIGN KEY ("tenant_id", "application_id", "api_resource_id") REFERENCES "application_api_access"("tenant_id", "application_id", "api_resource_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_api_access_permissions" ADD CONSTRAINT "application_api_access_permissions_tenant_id_api_resource__fkey" FOREIGN KEY ("tenant_id", "api_resource_id", "permission_id") REFERENCES "permissions"("tenant_id", "resource_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: row-level security, as for every tenant-owned table (see identity_foundation).
ALTER TABLE "application_api_access" ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_api_access_app_access ON "application_api_access" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY application_api_access_tenant_isolation ON "application_api_access" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "application_api_access_permissions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_api_access_permissions_app_access ON "application_api_access_permissions" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY application_api_access_permissions_tenant_isolation ON "application_api_access_permissions" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());
