import { z } from 'zod';
import { ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

/** JWS algorithms a tenant's token signing keys may use. ES256 is the default. */
export const ZSigningAlgorithm = z.enum(['ES256', 'RS256', 'EdDSA']);
export type TSigningAlgorithm = z.infer<typeof ZSigningAlgorithm>;

/**
 * `next`: published in the JWKS, not signing yet; `active`: signs new tokens; `retired`: no longer
 * signs, published until `expiresAt`, when no token it signed can still be valid.
 */
export const ZSigningKeyStatus = z.enum(['active', 'next', 'retired']);
export type TSigningKeyStatus = z.infer<typeof ZSigningKeyStatus>;

/** The public half of a key, as the tenant's JWKS publishes it (never a private member). */
export const ZPublicJwk = z.object({
  kty: z.enum(['EC', 'RSA', 'OKP']),
  kid: z.string(),
  alg: ZSigningAlgorithm,
  use: z.literal('sig'),
  /** EC and OKP keys. */
  crv: z.string().optional(),
  x: z.string().optional(),
  /** EC keys. */
  y: z.string().optional(),
  /** RSA keys. */
  n: z.string().optional(),
  e: z.string().optional(),
});
export type TPublicJwk = z.infer<typeof ZPublicJwk>;

/** A signing key's public metadata: the private key never leaves the server. */
export const ZSigningKey = z.object({
  kid: z.string(),
  alg: ZSigningAlgorithm,
  status: ZSigningKeyStatus,
  publicJwk: ZPublicJwk,
  createdAt: ZTimestamp,
  activatedAt: ZTimestamp.nullable(),
  retiredAt: ZTimestamp.nullable(),
  /** Retired keys: when they leave the JWKS and are deleted. */
  expiresAt: ZTimestamp.nullable(),
});
export type TSigningKey = z.infer<typeof ZSigningKey>;

/** Active first, then next, then retired keys (most recently retired first). */
export const ZSigningKeyList = z.object({ data: z.array(ZSigningKey) });
export type TSigningKeyList = z.infer<typeof ZSigningKeyList>;

export const ZRotateSigningKeysRequest = z
  .object({
    alg: ZSigningAlgorithm.optional().describe(
      'Algorithm of the NEW next key (default: that of the key being promoted). It is published ' +
        'now and starts signing at the following rotation, so relying parties have it before it is used.',
    ),
  })
  .strict();
export type TRotateSigningKeysRequest = z.infer<typeof ZRotateSigningKeysRequest>;

const BASE = '/api/v1/tenants/{tenant}/signing-keys' as const;

export const signingKeyRoutes = {
  listSigningKeys: defineRoute({
    id: 'listSigningKeys',
    method: 'GET',
    path: BASE,
    summary: "List the tenant's token signing keys (public parts only)",
    tag: 'Signing keys',
    scope: 'tenant',
    success: { status: 200, body: ZSigningKeyList },
  }),
  rotateSigningKeys: defineRoute({
    id: 'rotateSigningKeys',
    method: 'POST',
    path: `${BASE}/rotate`,
    summary:
      'Rotate: the next key starts signing, the active one retires (published until the tokens it ' +
      'signed expire), and a new next key (of `alg` when given) is published for the following rotation',
    tag: 'Signing keys',
    scope: 'tenant',
    body: ZRotateSigningKeysRequest,
    success: { status: 200, body: ZSigningKeyList },
  }),
} as const;
