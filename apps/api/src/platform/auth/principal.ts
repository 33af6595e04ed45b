/** Who is calling the management API, established once by the guard. */
export interface Principal {
  /** `system`: Latchkey itself, e.g. a scheduled job. */
  kind: 'api-key' | 'access-token' | 'system';
  /** The key's row id, the token's client_id, or the job's name for `system` (for audit). */
  credentialId: string;
  /** The tenant the credential belongs to. */
  tenantId: string;
  /** Platform principals (credentials of the built-in system tenant) may act on every tenant. */
  platform: boolean;
}

/** Where the guard leaves the principal on the request. */
export const PRINCIPAL_KEY = 'latchkeyPrincipal';

export type RequestWithPrincipal = { [PRINCIPAL_KEY]?: Principal };
