import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, type JWK, jwtVerify } from 'jose';
import { unauthenticated } from '../../platform/auth/auth.errors.js';
import type { Principal } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { ChangeBus } from '../../platform/events/change-bus.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { SigningKeysService } from '../signing-keys/signing-keys.service.js';
import { CustomDomainsService } from '../tenancy/custom-domains.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { tenantAddress } from '../tenancy/tenant-address.js';
import { issuerFor } from './issuer.js';
import { managementAudience } from './management-audience.js';

const KEYS_TTL_MS = 60_000;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/**
 * Accepts Latchkey's own access tokens on the management API (ARCHITECTURE.md: dogfooding): a JWT
 * access token (RFC 9068) for the management audience, signed by the tenant its issuer names. A
 * token of the `system` tenant is a platform credential; any other acts on its own tenant only.
 */
@Injectable()
export class AccessTokenAuthenticator implements OnModuleDestroy {
  private readonly audience: string;
  private readonly keySets = new Map<string, { jwks: ReturnType<typeof createLocalJWKSet>; at: number }>();
  private readonly unsubscribe: () => void;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenancy: TenancyService,
    private readonly customDomains: CustomDomainsService,
    private readonly keys: SigningKeysService,
    private readonly applications: ApplicationsService,
    changes: ChangeBus,
  ) {
    this.audience = managementAudience(config.publicUrl);
    this.unsubscribe = changes.subscribe((change) => this.keySets.delete(change.tenantId));
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  async authenticate(token: string): Promise<Principal> {
    const rejected = () => unauthenticated('The access token is invalid, expired or not for this API.');
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw rejected();
    }
    const tenant = typeof issuer === 'string' ? await this.tenantOfIssuer(issuer) : undefined;
    if (tenant?.status !== 'active' || typeof issuer !== 'string') throw rejected();
    try {
      const { payload } = await jwtVerify(token, await this.keySet(tenant.id), {
        issuer,
        audience: this.audience,
        typ: 'at+jwt',
        algorithms: ['ES256', 'RS256', 'EdDSA'],
        requiredClaims: ['exp', 'client_id'],
      });
      // The token lives an hour; the application may be deleted or lose management access before.
      const app = await this.applications.clientMetadata(tenant.id, String(payload.client_id));
      if (app?.metadata['latchkey:management_access'] !== true) throw rejected();
      return {
        kind: 'access-token',
        credentialId: String(payload.client_id),
        tenantId: tenant.id,
        platform: tenant.isSystem,
      };
    } catch {
      throw rejected();
    }
  }

  /** The tenant whose issuer this is, on any of its addresses; undefined for anything else. */
  private async tenantOfIssuer(issuer: string): Promise<TenantRecord | undefined> {
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      return undefined;
    }
    const address =
      tenantAddress(url.hostname, url.pathname, this.config.tenantDomain) ??
      (await this.customDomains
        .tenantForHost(url.hostname)
        .then((t) =>
          t ? { unverifiedTenant: t.slug, via: 'custom-domain' as const, rest: '', basePath: '' } : undefined,
        ));
    if (!address) return undefined;
    const tenant = await this.tenancy.findBySlug(address.unverifiedTenant);
    // The issuer must be exactly the one that tenant has on that address.
    if (!tenant || issuerFor(address, tenant.slug, this.config.publicUrl, url.host) !== issuer)
      return undefined;
    if (address.via === 'path' && url.origin !== new URL(this.config.publicUrl).origin) return undefined;
    return tenant;
  }

  private async keySet(tenantId: string) {
    const cached = this.keySets.get(tenantId);
    if (cached && Date.now() - cached.at < KEYS_TTL_MS) return cached.jwks;
    const { keys } = await this.keys.signingKeySet(tenantId);
    const publicKeys: JSONWebKeySet = { keys: keys.map((key) => publicPart(key as JWK)) };
    const jwks = createLocalJWKSet(publicKeys);
    this.keySets.set(tenantId, { jwks, at: Date.now() });
    return jwks;
  }
}

function publicPart(key: JWK): JWK {
  return Object.fromEntries(
    Object.entries(key).filter(([member]) => !PRIVATE_MEMBERS.includes(member)),
  ) as JWK;
}
