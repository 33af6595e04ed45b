import type { Client } from 'oidc-provider';

/** Latchkey's own client metadata, carried next to the standard metadata of each application. */
export const LATCHKEY_CLIENT_PROPERTIES = [
  'latchkey:type',
  'latchkey:first_party',
  'latchkey:organization_usage',
  'latchkey:access_token_ttl',
  'latchkey:id_token_ttl',
  'latchkey:refresh_token_ttl',
  'latchkey:rotate_refresh_tokens',
  'latchkey:allowed_origins',
  'latchkey:claim_mappings',
  'latchkey:management_access',
  'latchkey:api_access',
] as const;

export interface LatchkeyClient {
  type: string | undefined;
  firstParty: boolean;
  organizationUsage: 'none' | 'optional' | 'required';
  accessTokenTtl: number | undefined;
  idTokenTtl: number | undefined;
  refreshTokenTtl: number | undefined;
  rotateRefreshTokens: boolean;
  allowedOrigins: string[];
  claimMappings: Record<string, string>;
  managementAccess: boolean;
  /** m2m only: { API resource identifier: the permission names granted of it }; absent = not granted. */
  apiAccess: Record<string, readonly string[]>;
}

/** Client instances are immutable and reused (oidc-provider caches them): read each once. */
const readClients = new WeakMap<object, LatchkeyClient>();

/** Reads the Latchkey properties of a client, with the defaults the applications module applies. */
export function latchkeyClient(client: Client | undefined): LatchkeyClient {
  if (!client) return readLatchkeyClient(undefined);
  let read = readClients.get(client);
  if (!read) {
    read = readLatchkeyClient(client);
    readClients.set(client, read);
  }
  return read;
}

function readLatchkeyClient(client: Client | undefined): LatchkeyClient {
  const read = (key: (typeof LATCHKEY_CLIENT_PROPERTIES)[number]) =>
    (client as unknown as Record<string, unknown> | undefined)?.[key];
  const ttl = (key: (typeof LATCHKEY_CLIENT_PROPERTIES)[number]) => {
    const value = read(key);
    return typeof value === 'number' && value > 0 ? value : undefined;
  };
  const usage = read('latchkey:organization_usage');
  return {
    type: typeof read('latchkey:type') === 'string' ? (read('latchkey:type') as string) : undefined,
    firstParty: read('latchkey:first_party') !== false,
    organizationUsage: usage === 'optional' || usage === 'required' ? usage : 'none',
    accessTokenTtl: ttl('latchkey:access_token_ttl'),
    idTokenTtl: ttl('latchkey:id_token_ttl'),
    refreshTokenTtl: ttl('latchkey:refresh_token_ttl'),
    rotateRefreshTokens: read('latchkey:rotate_refresh_tokens') !== false,
    allowedOrigins: Array.isArray(read('latchkey:allowed_origins'))
      ? (read('latchkey:allowed_origins') as string[])
      : [],
    claimMappings:
      typeof read('latchkey:claim_mappings') === 'object' && read('latchkey:claim_mappings') !== null
        ? (read('latchkey:claim_mappings') as Record<string, string>)
        : {},
    managementAccess: read('latchkey:management_access') === true,
    apiAccess: apiAccessOf(read('latchkey:api_access')),
  };
}

/** Only well-formed entries count: anything odd grants nothing. */
function apiAccessOf(value: unknown): Record<string, readonly string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string[]] =>
        Array.isArray(entry[1]) && entry[1].every((name) => typeof name === 'string'),
    ),
  );
}

/**
 * What the consent page may show about a client: its logo, home page, privacy policy and terms,
 * https only. The login page loads the logo from the application's own server, and links out to the
 * rest: plain http (a loopback URL of a developer's client) could be read or changed on the way.
 */
export function displayUris(
  client: Client,
): Partial<Record<'logoUri' | 'clientUri' | 'policyUri' | 'tosUri', string>> {
  const https = (value: unknown): value is string => {
    if (typeof value !== 'string') return false;
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  };
  const { logoUri, clientUri, policyUri, tosUri } = client;
  const uris = { logoUri, clientUri, policyUri, tosUri };
  return Object.fromEntries(
    Object.entries(uris).filter((entry): entry is [string, string] => https(entry[1])),
  );
}
