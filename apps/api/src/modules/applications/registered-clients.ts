import {
  type TApplicationRegistration,
  type TCreateApplicationRequest,
  ZCreateApplicationRequest,
  ZServerEndpointUri,
} from '@latchkey/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { formatPath } from '../../platform/http/zod-body.pipe.js';
import { type ApplicationSettings, settingsForCreate } from './application-rules.js';

/**
 * Applications that registered themselves (OAuth dynamic client registration, RFC 7591 / 7592).
 * The OIDC module maps the RFC metadata to these fields; the same contract fields and type rules
 * as for the management API apply, and a registered client is always third-party (its users see a
 * consent screen) and never calls the management API.
 */

/** What a registering client describes about itself, in the management API's field names. */
export const ZRegisteredClient = ZCreateApplicationRequest.pick({
  name: true,
  type: true,
  redirectUris: true,
  postLogoutRedirectUris: true,
  grantTypes: true,
  tokenEndpointAuthMethod: true,
  jwks: true,
  backchannelLogoutUri: true,
})
  .extend({
    // Shown to users on the consent screen: https (http only on this machine), like other URIs we show.
    clientUri: ZServerEndpointUri.nullable(),
    logoUri: ZServerEndpointUri.nullable(),
    policyUri: ZServerEndpointUri.nullable(),
    tosUri: ZServerEndpointUri.nullable(),
    contacts: z.array(z.string().trim().min(1).max(320)).max(10),
    scope: z.string().max(2000).nullable(),
  })
  .strict();
export type TRegisteredClient = z.infer<typeof ZRegisteredClient>;

/** The client's description, validated field by field (a 400 naming each failing field). */
export function parseRegisteredClient(input: unknown): TRegisteredClient {
  const parsed = ZRegisteredClient.safeParse(input);
  if (parsed.success) return parsed.data;
  throw AppError.validation(
    parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
      code: issue.code,
    })),
  );
}

/**
 * The settings of a registered client. On registration: what it describes, the type's defaults for
 * the rest, third-party. On an update (RFC 7592 PUT replaces the client's description): what it
 * describes replaces the stored values; what the tenant's admins set (lifetimes, claims,
 * organizations, first party) stays.
 */
export function registeredClientSettings(
  client: TRegisteredClient,
  current?: ApplicationSettings,
): ApplicationSettings {
  const request: TCreateApplicationRequest = {
    name: client.name,
    type: client.type,
    redirectUris: client.redirectUris ?? [],
    postLogoutRedirectUris: client.postLogoutRedirectUris ?? [],
    ...(client.grantTypes === undefined ? {} : { grantTypes: client.grantTypes }),
    ...(client.tokenEndpointAuthMethod === undefined
      ? {}
      : { tokenEndpointAuthMethod: client.tokenEndpointAuthMethod }),
    jwks: client.jwks ?? null,
    backchannelLogoutUri: client.backchannelLogoutUri ?? null,
    clientUri: client.clientUri,
    logoUri: client.logoUri,
    policyUri: client.policyUri,
    tosUri: client.tosUri,
    firstParty: false,
    managementAccess: false,
  };
  const described = settingsForCreate(request);
  if (!current) return described;
  return {
    ...current,
    name: described.name,
    redirectUris: described.redirectUris,
    postLogoutRedirectUris: described.postLogoutRedirectUris,
    grantTypes: described.grantTypes,
    tokenEndpointAuthMethod: described.tokenEndpointAuthMethod,
    jwks: described.jwks,
    backchannelLogoutUri: described.backchannelLogoutUri,
    clientUri: described.clientUri,
    logoUri: described.logoUri,
    policyUri: described.policyUri,
    tosUri: described.tosUri,
    // A spa's CORS origins follow its redirect URIs, as they did when it registered.
    allowedOrigins: client.type === 'spa' ? described.allowedOrigins : current.allowedOrigins,
    managementAccess: false,
  };
}

export const describedRegistration = (
  client: TRegisteredClient,
  initialAccessTokenId: string | null,
): TApplicationRegistration => ({
  initialAccessTokenId,
  clientUri: client.clientUri,
  logoUri: client.logoUri,
  policyUri: client.policyUri,
  tosUri: client.tosUri,
  contacts: client.contacts,
  scope: client.scope,
});
