-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "client_uri" TEXT,
ADD COLUMN     "logo_uri" TEXT,
ADD COLUMN     "policy_uri" TEXT,
ADD COLUMN     "tos_uri" TEXT;

-- Hand-written: clients that registered themselves keep what they described (the registration
-- JSON stays as the record of it).
UPDATE "applications" SET
  "client_uri" = "registration"->>'clientUri',
  "logo_uri" = "registration"->>'logoUri',
  "policy_uri" = "registration"->>'policyUri',
  "tos_uri" = "registration"->>'tosUri'
WHERE "registration" IS NOT NULL;
