import { z } from 'zod';

/**
 * The login interaction API (`{issuer}/interaction/{uid}/…`): what the hosted login app reads and
 * posts while oidc-provider waits for the user. JSON only; every POST carries the `x-csrf-token`
 * header from the details.
 */
export const INTERACTION_CSRF_HEADER = 'x-csrf-token';

export const ZInteractionPrompt = z.enum(['login', 'consent', 'organization']);

export const ZInteractionDetails = z.object({
  uid: z.string(),
  /** What the user must do next. */
  prompt: z.object({
    name: ZInteractionPrompt,
    /** oidc-provider's reasons, e.g. no_session, op_scopes_missing. */
    reasons: z.array(z.string()),
    /** For consent: the OIDC scopes and API permissions asked for that are not granted yet. */
    missingScopes: z.array(z.string()).optional(),
    missingResourceScopes: z.record(z.string(), z.array(z.string())).optional(),
  }),
  client: z.object({
    clientId: z.string(),
    name: z.string().optional(),
    firstParty: z.boolean(),
  }),
  tenant: z.object({ slug: z.string(), displayName: z.string() }),
  /** Authorization request parameters the pages use. */
  params: z.object({
    loginHint: z.string().optional(),
    uiLocales: z.array(z.string()).optional(),
    acrValues: z.array(z.string()).optional(),
    maxAge: z.number().int().optional(),
    prompt: z.array(z.string()).optional(),
    scope: z.string().optional(),
  }),
  /** For the organization prompt: the user's organizations to choose from, and whether one is required. */
  organizations: z
    .object({
      required: z.boolean(),
      choices: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string() })),
    })
    .optional(),
  /** Set when an SSO session exists (the "continue as …" case). */
  session: z.object({ accountId: z.string() }).optional(),
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
});
export type TInteractionDetails = z.infer<typeof ZInteractionDetails>;

export const ZInteractionLoginRequest = z
  .object({
    /** Email or username. */
    identifier: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1024),
    /** Keep me signed in: a persistent session cookie instead of a browser-session one. */
    remember: z.boolean().default(false),
  })
  .strict();
export type TInteractionLoginRequest = z.infer<typeof ZInteractionLoginRequest>;

export const ZInteractionConsentRequest = z
  .object({
    /** Grant only some of what was asked (default: everything asked). */
    scopes: z.array(z.string()).optional(),
  })
  .strict();
export type TInteractionConsentRequest = z.infer<typeof ZInteractionConsentRequest>;

export const ZInteractionOrganizationRequest = z
  .object({
    /** One of the offered organizations, or null to continue without one (optional usage only). */
    organizationId: z.uuid().nullable(),
  })
  .strict();
export type TInteractionOrganizationRequest = z.infer<typeof ZInteractionOrganizationRequest>;

export const ZInteractionAbortRequest = z.object({ reason: z.string().max(200).optional() }).strict();

/** Every successful POST: where the browser goes next (back into the authorization flow). */
export const ZInteractionRedirect = z.object({ redirectTo: z.string() });
export type TInteractionRedirect = z.infer<typeof ZInteractionRedirect>;
