import type { KoaContextWithOIDC } from 'oidc-provider';
import type {
  UserOrganization,
  UserOrganizationsService,
} from '../organizations/user-organizations.service.js';
import type { OidcStore } from './storage/oidc-store.js';

/** The organization claims of tokens issued for an organization (Auth0-compatible names). */
export const ORGANIZATION_CLAIMS = ['org_id', 'org_name', 'org_roles'] as const;

const MODEL = 'OrganizationSelection';
const GRANT_TTL_SECONDS = 365 * 24 * 60 * 60;

/**
 * Which organization a user chose for an application, kept per grant (so it holds for the refresh
 * tokens of that sign-in), next to the grant in the long-lived store. `null` records "no
 * organization" for applications where choosing one is optional.
 */
export class OrganizationSelections {
  private readonly perRequest = new WeakMap<object, Map<string, Promise<UserOrganization | undefined>>>();

  constructor(
    private readonly tenantId: string,
    private readonly store: OidcStore,
    private readonly organizations: UserOrganizationsService,
  ) {}

  async chosen(grantId: string): Promise<{ organizationId: string | null } | undefined> {
    const stored = await this.store.find(this.tenantId, MODEL, grantId);
    return stored ? { organizationId: (stored.organizationId as string | null) ?? null } : undefined;
  }

  async choose(grantId: string, organizationId: string | null): Promise<void> {
    await this.store.upsert(this.tenantId, MODEL, grantId, { organizationId } as never, GRANT_TTL_SECONDS);
  }

  /**
   * The organization a token of this grant is for, if the user is still a member (a removed
   * membership ends the organization claims at the next refresh). Memoized per request.
   */
  forToken(ctx: object, accountId: string, grantId: string): Promise<UserOrganization | undefined> {
    let memo = this.perRequest.get(ctx);
    if (!memo) {
      memo = new Map();
      this.perRequest.set(ctx, memo);
    }
    const key = `${accountId} ${grantId}`;
    let found = memo.get(key);
    if (!found) {
      found = this.chosen(grantId).then((choice) =>
        choice?.organizationId
          ? this.organizations.membership(this.tenantId, accountId, choice.organizationId)
          : undefined,
      );
      memo.set(key, found);
    }
    return found;
  }
}

/** The grant a token request or authorization works on, wherever oidc-provider keeps it. */
export function grantIdOf(ctx: KoaContextWithOIDC, token?: { grantId?: string }): string | undefined {
  const { oidc } = ctx;
  return (
    token?.grantId ||
    oidc.entities.RefreshToken?.grantId ||
    oidc.entities.AuthorizationCode?.grantId ||
    oidc.entities.DeviceCode?.grantId ||
    oidc.entities.AccessToken?.grantId ||
    oidc.grant?.jti ||
    // During an authorization the grant may not be loaded yet; the session knows it per client.
    (oidc.client ? oidc.session?.grantIdFor(oidc.client.clientId) : undefined) ||
    undefined
  );
}

export function organizationClaims(org: UserOrganization | undefined): Record<string, unknown> {
  return org ? { org_id: org.id, org_name: org.name, org_roles: org.roles } : {};
}
