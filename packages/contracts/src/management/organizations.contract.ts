import { z } from 'zod';
import { page, ZPageQuery, ZTenantSlug, ZTimestamp } from './common.contract.js';
import { defineRoute } from './route.js';

/** Organization slugs follow the tenant slug rule: a lowercase DNS label, fit for URLs and subdomains. */
export const ZOrganizationSlug = ZTenantSlug;

/** How members of an organization may sign in; an empty list means "the tenant's defaults". */
export const ZSignInMethod = z.enum(['password', 'email_code', 'passkey', 'sso']);
export type TSignInMethod = z.infer<typeof ZSignInMethod>;

const ZOrganizationMetadata = z
  .record(z.string(), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 16_384, {
    message: 'must serialize to at most 16 KiB',
  });

const ZSignInMethods = z
  .array(ZSignInMethod)
  .refine((methods) => new Set(methods).size === methods.length, { message: 'must not repeat a method' });

/**
 * A domain an organization claims: a lowercase hostname of two labels or more (IDNs in punycode).
 * Input is trimmed and lowercased (DNS names are case-insensitive, RFC 4343) and a trailing dot
 * (the absolute form `example.com.`) is dropped, so one domain has exactly one spelling.
 */
export const ZDomainName = z
  .string()
  .trim()
  .toLowerCase()
  .overwrite((v) => v.replace(/\.$/, ''))
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'must be a domain name such as example.com (letters, digits and inner hyphens; IDNs in punycode)',
  );

export const ZOrganization = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  allowedSignInMethods: z.array(ZSignInMethod),
  mfaRequired: z.boolean(),
  /** Create members just in time when they first sign in through the organization's IdP. */
  jitProvisioning: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TOrganization = z.infer<typeof ZOrganization>;

const ZOrganizationName = z.string().trim().min(1).max(120);

export const ZCreateOrganizationRequest = z
  .object({
    name: ZOrganizationName,
    slug: ZOrganizationSlug,
    metadata: ZOrganizationMetadata.default({}),
    allowedSignInMethods: ZSignInMethods.default([]),
    mfaRequired: z.boolean().default(false),
    jitProvisioning: z.boolean().default(false),
  })
  .strict();
export type TCreateOrganizationRequest = z.infer<typeof ZCreateOrganizationRequest>;

/** PATCH: only the fields sent change; `metadata` is replaced whole. */
export const ZUpdateOrganizationRequest = z
  .object({
    name: ZOrganizationName.optional(),
    slug: ZOrganizationSlug.optional(),
    metadata: ZOrganizationMetadata.optional(),
    allowedSignInMethods: ZSignInMethods.optional(),
    mfaRequired: z.boolean().optional(),
    jitProvisioning: z.boolean().optional(),
  })
  .strict();
export type TUpdateOrganizationRequest = z.infer<typeof ZUpdateOrganizationRequest>;

export const ZListOrganizationsQuery = ZPageQuery.extend({
  /** Name or slug contains this (case-insensitive). */
  q: z.string().trim().min(1).max(100).optional(),
});
export type TListOrganizationsQuery = z.infer<typeof ZListOrganizationsQuery>;

export const ZOrganizationList = page(ZOrganization);
export type TOrganizationList = z.infer<typeof ZOrganizationList>;

export const ZOrganizationDomain = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  domain: z.string(),
  verified: z.boolean(),
  verifiedAt: ZTimestamp.nullable(),
  /** The DNS record that proves control of the domain: publish it, then call verify. */
  verification: z.object({ type: z.literal('TXT'), name: z.string(), value: z.string() }),
  createdAt: ZTimestamp,
});
export type TOrganizationDomain = z.infer<typeof ZOrganizationDomain>;

export const ZAddOrganizationDomainRequest = z.object({ domain: ZDomainName }).strict();
export type TAddOrganizationDomainRequest = z.infer<typeof ZAddOrganizationDomainRequest>;

/** An organization has a handful of domains: the list is not paginated. */
export const ZOrganizationDomainList = z.object({ data: z.array(ZOrganizationDomain) });
export type TOrganizationDomainList = z.infer<typeof ZOrganizationDomainList>;

const ORGS = '/api/v1/tenants/{tenant}/organizations';
/** Path of one organization; nested resources (domains, members, invitations) live below it. */
export const ORGANIZATION_PATH = `${ORGS}/{organizationId}` as const;
const ORG = ORGANIZATION_PATH;
const common = { tag: 'Organizations', scope: 'tenant' } as const;

export const organizationRoutes = {
  listOrganizations: defineRoute({
    ...common,
    id: 'listOrganizations',
    method: 'GET',
    path: ORGS,
    summary: 'List organizations (by slug), optionally searching name and slug',
    query: ZListOrganizationsQuery,
    success: { status: 200, body: ZOrganizationList },
  }),
  createOrganization: defineRoute({
    ...common,
    id: 'createOrganization',
    method: 'POST',
    path: ORGS,
    summary: 'Create an organization',
    body: ZCreateOrganizationRequest,
    success: { status: 201, body: ZOrganization },
    errors: [409],
  }),
  getOrganization: defineRoute({
    ...common,
    id: 'getOrganization',
    method: 'GET',
    path: ORG,
    summary: 'Get an organization',
    success: { status: 200, body: ZOrganization },
  }),
  updateOrganization: defineRoute({
    ...common,
    id: 'updateOrganization',
    method: 'PATCH',
    path: ORG,
    summary: 'Update an organization',
    body: ZUpdateOrganizationRequest,
    success: { status: 200, body: ZOrganization },
    errors: [409],
  }),
  deleteOrganization: defineRoute({
    ...common,
    id: 'deleteOrganization',
    method: 'DELETE',
    path: ORG,
    summary: 'Delete an organization with its domains, memberships and invitations (the users stay)',
    success: { status: 204 },
  }),
  listOrganizationDomains: defineRoute({
    ...common,
    id: 'listOrganizationDomains',
    method: 'GET',
    path: `${ORG}/domains`,
    summary: "List an organization's domains",
    success: { status: 200, body: ZOrganizationDomainList },
  }),
  addOrganizationDomain: defineRoute({
    ...common,
    id: 'addOrganizationDomain',
    method: 'POST',
    path: `${ORG}/domains`,
    summary: 'Claim a domain (unverified until its DNS TXT record is checked)',
    body: ZAddOrganizationDomainRequest,
    success: { status: 201, body: ZOrganizationDomain },
    errors: [409],
  }),
  verifyOrganizationDomain: defineRoute({
    ...common,
    id: 'verifyOrganizationDomain',
    method: 'POST',
    path: `${ORG}/domains/{domainId}/verify`,
    summary: 'Verify a domain by looking up its TXT record `_latchkey-challenge.<domain>`',
    success: { status: 200, body: ZOrganizationDomain },
    errors: [422, 503],
  }),
  deleteOrganizationDomain: defineRoute({
    ...common,
    id: 'deleteOrganizationDomain',
    method: 'DELETE',
    path: `${ORG}/domains/{domainId}`,
    summary: 'Remove a domain from an organization',
    success: { status: 204 },
  }),
} as const;
