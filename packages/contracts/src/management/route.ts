import type { z } from 'zod';

/** Who may call a route: platform keys only, or any key of the tenant named in the path (and platform keys). */
export type TRouteScope = 'platform' | 'tenant';

/**
 * One management API route: the single description that the controller binds, the OpenAPI document is
 * generated from, the SDK calls and the isolation suite walks. Paths use OpenAPI's `{param}` syntax.
 */
export interface RouteContract {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: `/api/v1/${string}`;
  summary: string;
  tag: string;
  scope: TRouteScope;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status and its body (`undefined` for 204). */
  success: { status: 200 | 201 | 202 | 204; body?: z.ZodType };
  /** Error statuses this route documents besides 400 / 401 / 403 / 404 (which all management routes may answer). */
  errors?: number[];
}

export const defineRoute = <R extends RouteContract>(route: R): R => route;

/** Path parameters of a route, in order: `/api/v1/tenants/{tenant}/users/{userId}` → tenant, userId. */
export const pathParams = (path: string): string[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

/** Nest/Express path syntax for an OpenAPI path. */
export const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');
