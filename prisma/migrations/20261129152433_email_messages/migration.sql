-- CreateEnum
CREATE TYPE "email_status" AS ENUM ('queued', 'failed', 'sent', 'dead');

-- CreateTable
CREATE TABLE "email_messages" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "template" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "content_sealed" TEXT,
    "status" "email_status" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "provider_message_id" TEXT,
    "outbox" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "email_messages_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "email_smtp_settings" (
    "tenant_id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "security" TEXT NOT NULL,
    "username" TEXT,
    "password_sealed" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_smtp_settings_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateIndex
CREATE INDEX "email_messages_tenant_id_created_at_id_idx" ON "email_messages"("tenant_id", "created_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_smtp_settings" ADD CONSTRAINT "email_smtp_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: value checks Prisma cannot express.
ALTER TABLE "email_smtp_settings" ADD CONSTRAINT "email_smtp_settings_security_check"
  CHECK ("security" IN ('tls', 'starttls', 'none'));
ALTER TABLE "email_smtp_settings" ADD CONSTRAINT "email_smtp_settings_port_check"
  CHECK ("port" BETWEEN 1 AND 65535);
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_attempts_check" CHECK ("attempts" >= 0);

-- Hand-written: row-level security, as for every tenant-owned table (see identity_foundation).
ALTER TABLE "email_messages" ENABLE ROW LEVEL SECURITY;
CREATE POLICY email_messages_app_access ON "email_messages" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY email_messages_tenant_isolation ON "email_messages" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());

ALTER TABLE "email_smtp_settings" ENABLE ROW LEVEL SECURITY;
CREATE POLICY email_smtp_settings_app_access ON "email_smtp_settings" FOR ALL TO latchkey_app USING (true) WITH CHECK (true);
CREATE POLICY email_smtp_settings_tenant_isolation ON "email_smtp_settings" AS RESTRICTIVE FOR ALL TO latchkey_app
  USING (tenant_id = latchkey_current_tenant()) WITH CHECK (tenant_id = latchkey_current_tenant());
