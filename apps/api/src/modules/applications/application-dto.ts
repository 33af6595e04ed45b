import type {
  TApplication,
  TApplicationRegistration,
  TApplicationSecret,
  TClaimMappings,
  TClientJwks,
  TGrantType,
  TOrganizationUsage,
  TTokenEndpointAuthMethod,
} from '@latchkey/contracts';
import type { ApplicationSettings } from './application-rules.js';
import type { ApplicationRow, ApplicationSecretRow } from './applications.repository.js';

// The API's views of application rows: never the tenant id, never a secret.

/**
 * The stored settings, typed as the contract's. The CHECK constraints of the migration and the
 * service (the only writer) guarantee the enum values; JSON columns fall back to empty when odd.
 */
export function settingsOf(row: ApplicationRow): ApplicationSettings {
  return {
    name: row.name,
    description: row.description,
    redirectUris: row.redirectUris,
    postLogoutRedirectUris: row.postLogoutRedirectUris,
    allowedOrigins: row.allowedOrigins,
    grantTypes: row.grantTypes as TGrantType[],
    tokenEndpointAuthMethod: row.tokenEndpointAuthMethod as TTokenEndpointAuthMethod,
    jwks: isObject(row.jwks) ? (row.jwks as TClientJwks) : null,
    backchannelLogoutUri: row.backchannelLogoutUri,
    clientUri: row.clientUri,
    logoUri: row.logoUri,
    policyUri: row.policyUri,
    tosUri: row.tosUri,
    firstParty: row.firstParty,
    accessTokenTtl: row.accessTokenTtl,
    idTokenTtl: row.idTokenTtl,
    refreshTokenTtl: row.refreshTokenTtl,
    rotateRefreshTokens: row.rotateRefreshTokens,
    organizationUsage: row.organizationUsage as TOrganizationUsage,
    claimMappings: isObject(row.claimMappings) ? (row.claimMappings as TClaimMappings) : {},
    managementAccess: row.managementAccess,
  };
}

export const toApplication = (row: ApplicationRow): TApplication => ({
  id: row.id,
  clientId: row.clientId,
  type: row.type,
  ...settingsOf(row),
  registration: registrationOf(row),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** How a client that registered itself described itself; `null` for one created by an admin. */
export const registrationOf = (row: ApplicationRow): TApplicationRegistration | null =>
  isObject(row.registration) ? (row.registration as unknown as TApplicationRegistration) : null;

export const toApplicationSecret = (row: ApplicationSecretRow): TApplicationSecret => ({
  id: row.id,
  hint: row.hint,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
