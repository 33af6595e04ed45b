import type { RouteContract } from '@latchkey/contracts';
import type { z } from 'zod';
import { type LatchkeyClientOptions, send } from './http.js';

/** `/api/v1/tenants/{tenant}/users/{userId}` → `{ tenant: string; userId: string }`. */
type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name]: string } & PathParams<Rest>
  : unknown;

type Infer<S> = S extends z.ZodType ? z.infer<S> : never;
type Input<S> = S extends z.ZodType ? z.input<S> : never;

/** What a call to `route` takes: its path parameters, and its query and body when it has them. */
export type RouteInput<R extends RouteContract> = (keyof PathParams<R['path']> extends never
  ? { params?: undefined }
  : { params: PathParams<R['path']> }) &
  (R['query'] extends z.ZodType ? { query?: Partial<Input<R['query']>> } : unknown) &
  (R['body'] extends z.ZodType ? { body: Input<R['body']> } : unknown);

/** What it answers on success (`undefined` for 204). */
export type RouteOutput<R extends RouteContract> = R['success']['body'] extends z.ZodType
  ? Infer<R['success']['body']>
  : undefined;

function buildPath(route: RouteContract, params: Record<string, string> | undefined, query?: object): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${route.id}: missing path parameter "${name}"`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Calls any management route by its contract: path, method, request and response types all come
 * from `@latchkey/contracts`, and the response is validated against the route's schema.
 *
 *     await client.call(userRoutes.createUser, { params: { tenant: 'acme' }, body: { email } });
 */
export function managementCaller(options: LatchkeyClientOptions) {
  return async function call<R extends RouteContract>(
    route: R,
    input: RouteInput<R>,
  ): Promise<RouteOutput<R>> {
    const { params, query, body } = input as {
      params?: Record<string, string>;
      query?: object;
      body?: unknown;
    };
    const result = await send(options, {
      method: route.method,
      path: buildPath(route, params, query),
      body,
      response: route.success.body ?? null,
    });
    return result as RouteOutput<R>;
  };
}
