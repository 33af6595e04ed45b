import { randomBytes } from 'node:crypto';
import type { TAddCustomDomainRequest, TCustomDomain } from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { assertTxtChallenge, challengeRecordName } from '../../platform/dns/txt-challenge.js';
import { TxtLookup } from '../../platform/dns/txt-lookup.js';
import { AppError } from '../../platform/errors/app-error.js';
import { isUuid } from '../../platform/http/ids.js';
import { type CustomDomainRow, CustomDomainsRepository } from './custom-domains.repository.js';
import type { TenantRecord } from './tenancy.repository.js';

/** How long a Host → tenant answer (found or not) is reused: bounds the database load of spoofed Hosts. */
const HOST_CACHE_TTL_MS = 30_000;
const HOST_CACHE_MAX = 10_000;

const notFound = () => AppError.notFound('No custom domain with this id in this tenant.');

/** Another tenant's claim is not disclosed: the answer is the same whoever holds the hostname. */
const hostnameTaken = (hostname: string) =>
  new AppError('custom-domain-taken', 409, 'Hostname taken', {
    detail: `${hostname} is already a custom domain of a Latchkey tenant.`,
    errors: [{ path: 'hostname', message: 'is already in use', code: 'taken' }],
  });

@Injectable()
export class CustomDomainsService {
  /**
   * Every GET of a login page on an unknown Host asks for its tenant; answers are kept briefly
   * (another replica sees a verification or removal within HOST_CACHE_TTL_MS; this one at once).
   */
  private readonly hostCache = new Map<string, { tenant: TenantRecord | null; until: number }>();

  constructor(
    private readonly domains: CustomDomainsRepository,
    private readonly txt: TxtLookup,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(tenant: TenantRecord) {
    return { data: (await this.domains.list(tenant.id)).map((row) => this.toDto(row)) };
  }

  async add(tenant: TenantRecord, request: TAddCustomDomainRequest): Promise<TCustomDomain> {
    if (this.reserved(request.hostname)) {
      throw AppError.validation([
        { path: 'hostname', message: "is Latchkey's own hostname or under TENANT_DOMAIN", code: 'reserved' },
      ]);
    }
    const token = `latchkey-domain-verification=${randomBytes(24).toString('base64url')}`;
    const row = await this.domains.create(tenant.id, request.hostname, token);
    if (!row) throw hostnameTaken(request.hostname);
    return this.toDto(row);
  }

  /** Checks DNS and starts serving on the hostname; verifying a verified domain changes nothing. */
  async verify(tenant: TenantRecord, id: string): Promise<TCustomDomain> {
    const row = isUuid(id) ? await this.domains.find(tenant.id, id) : null;
    if (!row) throw notFound();
    if (row.verifiedAt) return this.toDto(row);
    await assertTxtChallenge(this.txt, row.hostname, row.verificationToken);
    const verified = await this.domains.markVerified(tenant.id, id);
    if (!verified) throw notFound();
    this.hostCache.delete(verified.hostname);
    return this.toDto(verified);
  }

  async remove(tenant: TenantRecord, id: string): Promise<void> {
    const row = isUuid(id) ? await this.domains.find(tenant.id, id) : null;
    if (!row || !(await this.domains.remove(tenant.id, id))) throw notFound();
    this.hostCache.delete(row.hostname);
  }

  /** The tenant behind a verified custom hostname, for request routing. */
  async tenantForHost(hostname: string): Promise<TenantRecord | null> {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    const cached = this.hostCache.get(host);
    if (cached && cached.until > Date.now()) return cached.tenant;
    const tenant = await this.domains.findVerifiedTenant(host);
    if (this.hostCache.size >= HOST_CACHE_MAX) this.hostCache.clear();
    this.hostCache.set(host, { tenant, until: Date.now() + HOST_CACHE_TTL_MS });
    return tenant;
  }

  private reserved(hostname: string): boolean {
    const own = new URL(this.config.publicUrl).hostname;
    const tenantDomain = this.config.tenantDomain;
    return (
      hostname === own ||
      (!!tenantDomain && (hostname === tenantDomain || hostname.endsWith(`.${tenantDomain}`)))
    );
  }

  private toDto(row: CustomDomainRow): TCustomDomain {
    const scheme = new URL(this.config.publicUrl).protocol;
    return {
      id: row.id,
      hostname: row.hostname,
      verified: row.verifiedAt !== null,
      verifiedAt: row.verifiedAt?.toISOString() ?? null,
      verification: { type: 'TXT', name: challengeRecordName(row.hostname), value: row.verificationToken },
      baseUrl: `${scheme}//${row.hostname}`,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
