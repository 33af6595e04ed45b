import { z } from 'zod';
import { ZPermissionName } from './rbac-resources.contract.js';
import { defineRoute } from './route.js';

/**
 * Which API resources an m2m application may get client_credentials tokens for, and with which of
 * each resource's permissions (Auth0's "client grants"). A token carries the permissions it asks for
 * (`scope`) that the application was granted; a resource it was never granted is refused. Other
 * application types get permissions from the signed-in user's roles instead; a `web` application
 * registered for token exchange may be granted an API without permissions, as a back end of that
 * API (it may exchange and introspect the tokens issued for it).
 */

/** The API resource a grant is for, as lists show it. */
export const ZApiAccessResource = z.object({
  id: z.uuid(),
  /** The audience: the `resource` parameter of the token request and the `aud` of its tokens. */
  identifier: z.string(),
  name: z.string(),
});
export type TApiAccessResource = z.infer<typeof ZApiAccessResource>;

export const ZApplicationApiAccess = z.object({
  resource: ZApiAccessResource,
  /** Names of the resource's permissions the application was granted, by name; may be empty. */
  permissions: z.array(z.string()),
});
export type TApplicationApiAccess = z.infer<typeof ZApplicationApiAccess>;

/** Every API resource the application was granted, by identifier (a handful: no paging). */
export const ZApplicationApiAccessList = z.object({ data: z.array(ZApplicationApiAccess) });
export type TApplicationApiAccessList = z.infer<typeof ZApplicationApiAccessList>;

/**
 * Replaces what the application may get of this resource. Names must be permissions of the resource
 * (an unknown one is a 400 naming `permissions[i]`); an empty list still authorizes the audience,
 * with tokens that carry no permission.
 */
export const ZSetApplicationApiAccessRequest = z
  .object({ permissions: z.array(ZPermissionName).max(1000) })
  .strict();
export type TSetApplicationApiAccessRequest = z.infer<typeof ZSetApplicationApiAccessRequest>;

const ACCESS = '/api/v1/tenants/{tenant}/applications/{applicationId}/api-access';
const common = { tag: 'Applications', scope: 'tenant' } as const;

export const applicationApiAccessRoutes = {
  listApplicationApiAccess: defineRoute({
    ...common,
    id: 'listApplicationApiAccess',
    method: 'GET',
    path: ACCESS,
    summary:
      'List the API resources an m2m application may get client_credentials tokens for, with the granted permissions',
    success: { status: 200, body: ZApplicationApiAccessList },
  }),
  setApplicationApiAccess: defineRoute({
    ...common,
    id: 'setApplicationApiAccess',
    method: 'PUT',
    path: `${ACCESS}/{apiResourceId}`,
    summary:
      "Authorize an m2m application for an API resource with exactly these of the resource's permissions",
    body: ZSetApplicationApiAccessRequest,
    success: { status: 200, body: ZApplicationApiAccess },
    errors: [409],
  }),
  deleteApplicationApiAccess: defineRoute({
    ...common,
    id: 'deleteApplicationApiAccess',
    method: 'DELETE',
    path: `${ACCESS}/{apiResourceId}`,
    summary: "Revoke an m2m application's access to an API resource (its next token request is refused)",
    success: { status: 204 },
    errors: [409],
  }),
} as const;
