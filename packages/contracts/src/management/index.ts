import { apiKeyRoutes } from './api-keys.contract.js';
import type { RouteContract } from './route.js';
import { tenantRoutes } from './tenants.contract.js';
import { userRoutes } from './users.contract.js';

export * from './api-keys.contract.js';
export * from './common.contract.js';
export * from './route.js';
export * from './tenant-settings.contract.js';
export * from './tenants.contract.js';
export * from './users.contract.js';

/** Every management API route, in document order. */
export const MANAGEMENT_ROUTES: readonly RouteContract[] = [
  ...Object.values(tenantRoutes),
  ...Object.values(apiKeyRoutes),
  ...Object.values(userRoutes),
];
export * from './openapi.js';
