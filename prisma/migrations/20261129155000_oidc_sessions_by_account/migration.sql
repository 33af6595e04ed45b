-- A user's SSO sessions, for the management API's session list and revocation (docs/users.md#sessions).
-- Hand-written partial index: see docs/adr/0007-search-under-rls.md. Under row-level security only a
-- leakproof condition becomes an index condition, and `payload->>'accountId'` is not leakproof, so
-- the account id is a real column (written by the store's upsert, like grant_id and uid) rather than
-- an expression index. Both columns are metadata-only additions (no table rewrite).
ALTER TABLE "oidc_payloads"
  ADD COLUMN "account_id" TEXT,
  ADD COLUMN "saved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Sessions saved before this migration: short-lived, but list them until they end.
UPDATE "oidc_payloads" SET "account_id" = "payload" ->> 'accountId' WHERE "model" = 'Session';

-- Partial: Prisma ignores it (no drift), and only sessions are looked up by account.
CREATE INDEX "oidc_payloads_sessions_by_account_idx" ON "oidc_payloads" ("tenant_id", "account_id")
  WHERE "model" = 'Session';
