import { z } from 'zod';
import { page, ZPageQuery, ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

/**
 * Initial access tokens (RFC 7591 §3): the bearer credential a client presents at the tenant's
 * registration endpoint (`/t/{tenant}/oauth2/register`) to register itself, when the tenant's
 * `dynamicRegistration` settings ask for one. See docs/dynamic-registration.md.
 */

/** `active` until it is revoked, expires or has registered `maxUses` clients. */
export const ZInitialAccessTokenStatus = z.enum(['active', 'expired', 'used-up', 'revoked']);
export type TInitialAccessTokenStatus = z.infer<typeof ZInitialAccessTokenStatus>;

export const ZInitialAccessToken = z.object({
  id: z.uuid(),
  name: z.string(),
  status: ZInitialAccessTokenStatus,
  /** `null`: valid until revoked. */
  expiresAt: ZTimestamp.nullable(),
  /** How many clients it may register; `null`: no limit. */
  maxUses: z.number().int().nullable(),
  /** How many clients it has registered. */
  uses: z.number().int(),
  lastUsedAt: ZTimestamp.nullable(),
  revokedAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
});
export type TInitialAccessToken = z.infer<typeof ZInitialAccessToken>;

export const ZCreateInitialAccessTokenRequest = z
  .object({
    /** What it is for, e.g. the agent platform it was handed to. */
    name: z.string().trim().min(1).max(100),
    /** Optional expiry, in the future. */
    expiresAt: ZTimestamp.optional(),
    /** Optional limit on the clients it may register: 1 makes it single-use. */
    maxUses: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();
export type TCreateInitialAccessTokenRequest = z.infer<typeof ZCreateInitialAccessTokenRequest>;

/** The created token with its value (`lkiat_…`): shown once, never retrievable again. */
export const ZCreatedInitialAccessToken = ZInitialAccessToken.extend({
  token: z.string().startsWith('lkiat_'),
});
export type TCreatedInitialAccessToken = z.infer<typeof ZCreatedInitialAccessToken>;

export const ZListInitialAccessTokensQuery = ZPageQuery.extend({
  status: ZInitialAccessTokenStatus.optional(),
});
export type TListInitialAccessTokensQuery = z.infer<typeof ZListInitialAccessTokensQuery>;

export const ZInitialAccessTokenList = page(ZInitialAccessToken);
export type TInitialAccessTokenList = z.infer<typeof ZInitialAccessTokenList>;

export const initialAccessTokenRoutes = {
  listInitialAccessTokens: defineRoute({
    id: 'listInitialAccessTokens',
    method: 'GET',
    path: '/api/v1/tenants/{tenant}/initial-access-tokens',
    summary: 'List the initial access tokens for dynamic client registration (never their values)',
    tag: 'Dynamic client registration',
    scope: 'tenant',
    query: ZListInitialAccessTokensQuery,
    success: { status: 200, body: ZInitialAccessTokenList },
  }),
  createInitialAccessToken: defineRoute({
    id: 'createInitialAccessToken',
    method: 'POST',
    path: '/api/v1/tenants/{tenant}/initial-access-tokens',
    summary: 'Create an initial access token (its value is in this response only)',
    tag: 'Dynamic client registration',
    scope: 'tenant',
    body: ZCreateInitialAccessTokenRequest,
    success: { status: 201, body: ZCreatedInitialAccessToken },
  }),
  revokeInitialAccessToken: defineRoute({
    id: 'revokeInitialAccessToken',
    method: 'DELETE',
    path: '/api/v1/tenants/{tenant}/initial-access-tokens/{initialAccessTokenId}',
    summary: 'Revoke an initial access token (clients it registered stay)',
    tag: 'Dynamic client registration',
    scope: 'tenant',
    success: { status: 204 },
  }),
} as const;
