import { apiKeyRoutes } from './api-keys.contract.js';
import { applicationApiAccessRoutes } from './application-api-access.contract.js';
import { applicationRoutes } from './applications.contract.js';
import { auditRoutes } from './audit.contract.js';
import { brandingRoutes } from './branding.contract.js';
import { customDomainRoutes } from './custom-domains.contract.js';
import { emailRoutes } from './email.contract.js';
import { initialAccessTokenRoutes } from './initial-access-tokens.contract.js';
import { organizationMemberRoutes } from './organization-members.contract.js';
import { organizationRoutes } from './organizations.contract.js';
import { rbacRoutes } from './rbac.contract.js';
import type { RouteContract } from './route.js';
import { signingKeyRoutes } from './signing-keys.contract.js';
import { tenantRoutes } from './tenants.contract.js';
import { userSessionRoutes } from './user-sessions.contract.js';
import { userRoutes } from './users.contract.js';

export * from './api-keys.contract.js';
export * from './application-api-access.contract.js';
export * from './applications.contract.js';
export * from './audit.contract.js';
export * from './branding.contract.js';
export * from './common.contract.js';
export * from './custom-domains.contract.js';
export * from './email.contract.js';
export * from './initial-access-tokens.contract.js';
export * from './organization-members.contract.js';
export * from './organizations.contract.js';
export * from './rbac.contract.js';
export * from './route.js';
export * from './signing-keys.contract.js';
export * from './tenant-settings.contract.js';
export * from './tenants.contract.js';
export * from './user-sessions.contract.js';
export * from './users.contract.js';

/** Every management API route, in document order. */
export const MANAGEMENT_ROUTES: readonly RouteContract[] = [
  ...Object.values(tenantRoutes),
  ...Object.values(apiKeyRoutes),
  ...Object.values(auditRoutes),
  ...Object.values(customDomainRoutes),
  ...Object.values(userRoutes),
  ...Object.values(userSessionRoutes),
  ...Object.values(organizationRoutes),
  ...Object.values(organizationMemberRoutes),
  ...Object.values(rbacRoutes),
  ...Object.values(applicationRoutes),
  ...Object.values(applicationApiAccessRoutes),
  ...Object.values(initialAccessTokenRoutes),
  ...Object.values(signingKeyRoutes),
  ...Object.values(emailRoutes),
  ...Object.values(brandingRoutes),
];
export * from './openapi.js';
