/** Who is calling the management API, established once by the guard. */
export interface Principal {
  /**
   * `system`: Latchkey itself, e.g. a scheduled job. `dynamic-registration`: an OAuth client
   * registering, updating or deleting itself at the tenant's registration endpoint (RFC 7591 / 7592).
   */
  kind: 'api-key' | 'access-token' | 'system' | 'dynamic-registration';
  /**
   * The key's row id, the token's client_id, the job's name for `system`, the initial access
   * token's id (or `open`) or the client_id for `dynamic-registration` (for audit).
   */
  credentialId: string;
  /** The tenant the credential belongs to. */
  tenantId: string;
  /** Platform principals (credentials of the built-in system tenant) may act on every tenant. */
  platform: boolean;
}

/** Where the guard leaves the principal on the request. */
export const PRINCIPAL_KEY = 'latchkeyPrincipal';

export type RequestWithPrincipal = { [PRINCIPAL_KEY]?: Principal };
