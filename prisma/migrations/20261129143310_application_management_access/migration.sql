-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "management_access" BOOLEAN NOT NULL DEFAULT false;

-- Hand-written: only machine-to-machine applications act on the management API.
ALTER TABLE "applications" ADD CONSTRAINT "applications_management_access_check"
  CHECK (NOT "management_access" OR "type" = 'm2m');
