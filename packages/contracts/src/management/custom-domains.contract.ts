import { z } from 'zod';
import { ZTimestamp } from './common.contract.js';
import { ZDomainName } from './organizations.contract.js';
import { defineRoute } from './route.js';

/** A hostname of the tenant's own that serves its login (and, with F3, its issuer) once verified. */
export const ZCustomDomain = z.object({
  id: z.uuid(),
  hostname: z.string(),
  verified: z.boolean(),
  verifiedAt: ZTimestamp.nullable(),
  /** Publish this TXT record, then call verify. */
  verification: z.object({ type: z.literal('TXT'), name: z.string(), value: z.string() }),
  /** Where the tenant answers on this hostname once verified (and routed here by DNS). */
  baseUrl: z.string(),
  createdAt: ZTimestamp,
});
export type TCustomDomain = z.infer<typeof ZCustomDomain>;

export const ZAddCustomDomainRequest = z.object({ hostname: ZDomainName }).strict();
export type TAddCustomDomainRequest = z.infer<typeof ZAddCustomDomainRequest>;

export const ZCustomDomainList = z.object({ data: z.array(ZCustomDomain) });

const BASE = '/api/v1/tenants/{tenant}/custom-domains' as const;

export const customDomainRoutes = {
  listCustomDomains: defineRoute({
    id: 'listCustomDomains',
    method: 'GET',
    path: BASE,
    summary: "List the tenant's custom domains",
    tag: 'Custom domains',
    scope: 'tenant',
    success: { status: 200, body: ZCustomDomainList },
  }),
  addCustomDomain: defineRoute({
    id: 'addCustomDomain',
    method: 'POST',
    path: BASE,
    summary: 'Add a custom domain (it serves nothing until verified)',
    tag: 'Custom domains',
    scope: 'tenant',
    body: ZAddCustomDomainRequest,
    success: { status: 201, body: ZCustomDomain },
    errors: [409],
  }),
  verifyCustomDomain: defineRoute({
    id: 'verifyCustomDomain',
    method: 'POST',
    path: `${BASE}/{customDomainId}/verify`,
    summary: 'Check the TXT record and, when it matches, start serving the tenant on the hostname',
    tag: 'Custom domains',
    scope: 'tenant',
    success: { status: 200, body: ZCustomDomain },
    errors: [422, 503],
  }),
  removeCustomDomain: defineRoute({
    id: 'removeCustomDomain',
    method: 'DELETE',
    path: `${BASE}/{customDomainId}`,
    summary: 'Remove a custom domain (the tenant stops answering on it at once)',
    tag: 'Custom domains',
    scope: 'tenant',
    success: { status: 204 },
  }),
} as const;
