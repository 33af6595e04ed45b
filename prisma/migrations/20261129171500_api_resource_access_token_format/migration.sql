-- AlterTable
ALTER TABLE "api_resources" ADD COLUMN     "access_token_format" TEXT NOT NULL DEFAULT 'jwt';

-- Hand-written: the two formats oidc-provider issues for a resource server.
ALTER TABLE "api_resources" ADD CONSTRAINT "api_resources_access_token_format_check"
  CHECK ("access_token_format" IN ('jwt', 'opaque'));
