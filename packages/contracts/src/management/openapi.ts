import { z } from 'zod';
import { ZProblem } from '../problem/problem.contract.js';
import { pathParams, type RouteContract } from './route.js';

type JsonObject = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON or a failed validation (see `errors` for the field paths)',
  401: 'Missing, invalid, revoked or expired credential',
  403: 'The credential may not do this (e.g. a tenant key on a platform operation)',
  404: 'No such resource, or not visible to this credential',
  409: 'Conflicts with the current state (e.g. a unique value already taken)',
  413: 'Request body too large',
  410: 'Gone (e.g. an expired invitation)',
  422: 'Understood but not satisfied (e.g. the DNS record does not match yet)',
  503: 'A dependency failed (e.g. DNS); retry after the Retry-After header',
};

const PARAM_DESCRIPTIONS: Record<string, string> = {
  tenant: "The tenant's slug",
};

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonObject => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
};

function queryParameters(query: z.ZodType | undefined): JsonObject[] {
  if (!query) return [];
  const json = schemaOf(query, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema,
  }));
}

function operation(route: RouteContract): JsonObject {
  const errors = [400, 401, 403, 404, ...(route.errors ?? [])];
  if (route.body) errors.push(413);
  const responses: JsonObject = {
    [route.success.status]: route.success.body
      ? {
          description: 'Success',
          content: { 'application/json': { schema: schemaOf(route.success.body, 'output') } },
        }
      : { description: 'Success, no content' },
  };
  for (const status of [...new Set(errors)].sort()) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.tag],
    ...(route.scope === 'platform' ? { description: 'Requires a platform credential.' } : {}),
    parameters: [
      ...pathParams(route.path).map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
        ...(PARAM_DESCRIPTIONS[name] ? { description: PARAM_DESCRIPTIONS[name] } : {}),
      })),
      ...queryParameters(route.query),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** The version of the management API contract (not of the server): bumped on breaking changes. */
export const MANAGEMENT_API_VERSION = '1.0.0';

/** The OpenAPI 3.1 document of the management API, generated from the route contracts. */
export function buildOpenApiDocument(
  routes: readonly RouteContract[],
  info: { version: string } = { version: MANAGEMENT_API_VERSION },
): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as JsonObject)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Latchkey management API',
      version: info.version,
      description:
        'Manage tenants, users and credentials. Authenticate with an API key: `Authorization: Bearer lk_…`. ' +
        'Errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: schemaOf(ZProblem, 'output') },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A Latchkey API key (lk_…)' },
      },
    },
  };
}
