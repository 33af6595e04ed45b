import { z } from 'zod';
import { page, ZPageQuery, ZTenantSlug, ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';
import { ZTenantSettings, ZTenantSettingsPatch } from './tenant-settings.contract.js';

export const ZTenantStatus = z.enum(['active', 'suspended']);

export const ZTenant = z.object({
  id: z.uuid(),
  slug: ZTenantSlug,
  displayName: z.string(),
  status: ZTenantStatus,
  /** The built-in platform tenant (`system`): its keys and admins manage every tenant. */
  isSystem: z.boolean(),
  settings: ZTenantSettings,
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TTenant = z.infer<typeof ZTenant>;

export const ZCreateTenantRequest = z.object({
  slug: ZTenantSlug,
  displayName: z.string().trim().min(1).max(120),
  /** Omitted sections take their defaults. */
  settings: ZTenantSettingsPatch.optional(),
});
export type TCreateTenantRequest = z.infer<typeof ZCreateTenantRequest>;

export const ZUpdateTenantRequest = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    /** A suspended tenant answers every public endpoint with a clear error. */
    status: ZTenantStatus.optional(),
    settings: ZTenantSettingsPatch.optional(),
  })
  .strict();
export type TUpdateTenantRequest = z.infer<typeof ZUpdateTenantRequest>;

export const ZListTenantsQuery = ZPageQuery.extend({
  /** Slug or display name contains this (case-insensitive). */
  q: z.string().trim().min(1).max(100).optional(),
  status: ZTenantStatus.optional(),
});
export type TListTenantsQuery = z.infer<typeof ZListTenantsQuery>;

export const ZTenantList = page(ZTenant);
export type TTenantList = z.infer<typeof ZTenantList>;

export const tenantRoutes = {
  listTenants: defineRoute({
    id: 'listTenants',
    method: 'GET',
    path: '/api/v1/tenants',
    summary: 'List tenants',
    tag: 'Tenants',
    scope: 'platform',
    query: ZListTenantsQuery,
    success: { status: 200, body: ZTenantList },
  }),
  createTenant: defineRoute({
    id: 'createTenant',
    method: 'POST',
    path: '/api/v1/tenants',
    summary: 'Create a tenant',
    tag: 'Tenants',
    scope: 'platform',
    body: ZCreateTenantRequest,
    success: { status: 201, body: ZTenant },
    errors: [409],
  }),
  getTenant: defineRoute({
    id: 'getTenant',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}',
    summary: 'Get a tenant',
    tag: 'Tenants',
    scope: 'tenant',
    success: { status: 200, body: ZTenant },
  }),
  updateTenant: defineRoute({
    id: 'updateTenant',
    method: 'PATCH',
    path: '/api/v1/tenants/{tenant}',
    summary: 'Update a tenant (display name, settings; status needs a platform credential)',
    tag: 'Tenants',
    scope: 'tenant',
    body: ZUpdateTenantRequest,
    success: { status: 200, body: ZTenant },
  }),
} as const;
