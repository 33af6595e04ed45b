import { z } from 'zod';
import { page, ZPageQuery, ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

/**
 * An absolute URI (RFC 3986 `scheme:rest`, only characters a URI may hold) without a fragment: the
 * identifier becomes the `aud` of access tokens and the `resource` parameter of RFC 8707, which
 * must be an absolute URI and must not carry a fragment.
 */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?[\]@!$&'()*+,;=%]+$/;
/** An http(s) identifier needs a host: `https:foo` is a URI but no audience anyone could serve. */
const HTTP_WITH_HOST = /^(?!https?:)|^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?]|$)/i;

/** The audience of an API, compared exactly (tokens carry it verbatim): https://api.example.com, urn:… */
export const ZResourceIdentifier = z
  .string()
  .trim()
  // `abort`: one message per field, the first rule it breaks.
  .max(2048, { abort: true })
  .regex(ABSOLUTE_URI, {
    message: 'must be an absolute URI without a fragment, such as https://api.example.com or urn:example:api',
    abort: true,
  })
  .regex(HTTP_WITH_HOST, 'an http(s) identifier must name a host, such as https://api.example.com');

/** `verb:noun` (more `:segments` allowed), lowercase: read:invoices, write:invoices.lines, admin:* */
export const ZPermissionName = z
  .string()
  .max(128, { abort: true })
  .regex(
    /^[a-z][a-z0-9_-]*(:[a-z0-9_.*-]+)+$/,
    'must look like verb:noun in lowercase, such as read:invoices (letters, digits, "_", "-", and "." or "*" after the first ":")',
  );

const ZDescription = z.string().trim().max(500).nullable().optional();

/**
 * How access tokens for the API are issued: `jwt` (RFC 9068, verified locally by the API) or
 * `opaque` (a reference only Latchkey can read: the API introspects it, and revoking the grant or
 * ending the session stops it at once). See docs/claims.md#access-tokens.
 */
export const ZAccessTokenFormat = z.enum(['jwt', 'opaque']);
export type TAccessTokenFormat = z.infer<typeof ZAccessTokenFormat>;

export const ZApiResource = z.object({
  id: z.uuid(),
  identifier: z.string(),
  name: z.string(),
  accessTokenFormat: ZAccessTokenFormat,
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TApiResource = z.infer<typeof ZApiResource>;

export const ZCreateApiResourceRequest = z
  .object({
    identifier: ZResourceIdentifier,
    name: z.string().trim().min(1).max(100),
    /** Default `jwt`. */
    accessTokenFormat: ZAccessTokenFormat.optional(),
  })
  .strict();
export type TCreateApiResourceRequest = z.infer<typeof ZCreateApiResourceRequest>;

/**
 * PATCH: only the fields sent change. The identifier cannot change: tokens already issued carry it
 * as their audience. A new format applies to tokens issued from then on; tokens already issued keep
 * theirs until they expire.
 */
export const ZUpdateApiResourceRequest = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    accessTokenFormat: ZAccessTokenFormat.optional(),
  })
  .strict();
export type TUpdateApiResourceRequest = z.infer<typeof ZUpdateApiResourceRequest>;

export const ZListApiResourcesQuery = ZPageQuery.extend({
  /** Name or identifier contains this (case-insensitive). */
  q: z.string().trim().min(1).max(100).optional(),
});
export type TListApiResourcesQuery = z.infer<typeof ZListApiResourcesQuery>;

export const ZApiResourceList = page(ZApiResource);
export type TApiResourceList = z.infer<typeof ZApiResourceList>;

export const ZPermission = z.object({
  id: z.uuid(),
  resourceId: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  createdAt: ZTimestamp,
});
export type TPermission = z.infer<typeof ZPermission>;

export const ZCreatePermissionRequest = z
  .object({ name: ZPermissionName, description: ZDescription })
  .strict();
export type TCreatePermissionRequest = z.infer<typeof ZCreatePermissionRequest>;

export const ZListPermissionsQuery = ZPageQuery;
export type TListPermissionsQuery = z.infer<typeof ZListPermissionsQuery>;

export const ZPermissionList = page(ZPermission);
export type TPermissionList = z.infer<typeof ZPermissionList>;

export const apiResourceRoutes = {
  listApiResources: defineRoute({
    id: 'listApiResources',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/api-resources',
    summary: 'List API resources (by identifier)',
    tag: 'API resources',
    scope: 'tenant',
    query: ZListApiResourcesQuery,
    success: { status: 200, body: ZApiResourceList },
  }),
  createApiResource: defineRoute({
    id: 'createApiResource',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/api-resources',
    summary: 'Create an API resource (an audience for access tokens)',
    tag: 'API resources',
    scope: 'tenant',
    body: ZCreateApiResourceRequest,
    success: { status: 201, body: ZApiResource },
    errors: [409],
  }),
  getApiResource: defineRoute({
    id: 'getApiResource',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/api-resources/{apiResourceId}',
    summary: 'Get an API resource',
    tag: 'API resources',
    scope: 'tenant',
    success: { status: 200, body: ZApiResource },
  }),
  updateApiResource: defineRoute({
    id: 'updateApiResource',
    method: 'PATCH',
    path: '/api/v1/tenants/{tenant}/api-resources/{apiResourceId}',
    summary: 'Rename an API resource or change its access token format (its identifier is fixed)',
    tag: 'API resources',
    scope: 'tenant',
    body: ZUpdateApiResourceRequest,
    success: { status: 200, body: ZApiResource },
  }),
  deleteApiResource: defineRoute({
    id: 'deleteApiResource',
    method: 'DELETE',
    path: '/api/v1/tenants/{tenant}/api-resources/{apiResourceId}',
    summary: 'Delete an API resource with its permissions (roles lose them at once)',
    tag: 'API resources',
    scope: 'tenant',
    success: { status: 204 },
  }),
  listPermissions: defineRoute({
    id: 'listPermissions',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/api-resources/{apiResourceId}/permissions',
    summary: "List an API resource's permissions (by name)",
    tag: 'API resources',
    scope: 'tenant',
    query: ZListPermissionsQuery,
    success: { status: 200, body: ZPermissionList },
  }),
  createPermission: defineRoute({
    id: 'createPermission',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/api-resources/{apiResourceId}/permissions',
    summary: 'Create a permission of an API resource',
    tag: 'API resources',
    scope: 'tenant',
    body: ZCreatePermissionRequest,
    success: { status: 201, body: ZPermission },
    errors: [409],
  }),
  deletePermission: defineRoute({
    id: 'deletePermission',
    method: 'DELETE',
    path: '/api/v1/tenants/{tenant}/api-resources/{apiResourceId}/permissions/{permissionId}',
    summary: 'Delete a permission (roles lose it at once)',
    tag: 'API resources',
    scope: 'tenant',
    success: { status: 204 },
  }),
} as const;
