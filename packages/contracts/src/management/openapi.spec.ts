import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANAGEMENT_ROUTES } from './index.js';
import { buildOpenApiDocument } from './openapi.js';

describe('the committed OpenAPI document', () => {
  it('is what the route contracts generate (run `pnpm openapi` after changing a contract)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../../../docs/api/openapi.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(MANAGEMENT_ROUTES))));
  });

  it('gives every route a unique operation id and method + path', () => {
    expect(new Set(MANAGEMENT_ROUTES.map((r) => r.id)).size).toBe(MANAGEMENT_ROUTES.length);
    expect(new Set(MANAGEMENT_ROUTES.map((r) => `${r.method} ${r.path}`)).size).toBe(
      MANAGEMENT_ROUTES.length,
    );
  });
});
