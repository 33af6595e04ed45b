import { z } from 'zod';
import { page, ZPageQuery, ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

export const ZApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The key's public start (`lk_<keyId>`), to recognise it in lists and logs. */
  prefix: z.string(),
  /** `platform` for keys of the built-in system tenant, else `tenant`. */
  scope: z.enum(['platform', 'tenant']),
  createdAt: ZTimestamp,
  expiresAt: ZTimestamp.nullable(),
  revokedAt: ZTimestamp.nullable(),
  lastUsedAt: ZTimestamp.nullable(),
});
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZCreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(100),
  /** Optional expiry, in the future. */
  expiresAt: ZTimestamp.optional(),
});
export type TCreateApiKeyRequest = z.infer<typeof ZCreateApiKeyRequest>;

/** The created key, with its secret: shown once, never retrievable again. */
export const ZCreatedApiKey = ZApiKey.extend({ key: z.string().startsWith('lk_') });
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;

export const ZApiKeyList = page(ZApiKey);

export const apiKeyRoutes = {
  listApiKeys: defineRoute({
    id: 'listApiKeys',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/api-keys',
    summary: "List a tenant's API keys",
    tag: 'API keys',
    scope: 'tenant',
    query: ZPageQuery,
    success: { status: 200, body: ZApiKeyList },
  }),
  createApiKey: defineRoute({
    id: 'createApiKey',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/api-keys',
    summary: 'Create an API key (the secret is in this response only)',
    tag: 'API keys',
    scope: 'tenant',
    body: ZCreateApiKeyRequest,
    success: { status: 201, body: ZCreatedApiKey },
  }),
  revokeApiKey: defineRoute({
    id: 'revokeApiKey',
    method: 'DELETE',
    path: '/api/v1/tenants/{tenant}/api-keys/{apiKeyId}',
    summary: 'Revoke an API key',
    tag: 'API keys',
    scope: 'tenant',
    success: { status: 204 },
  }),
} as const;
