import type {
  TAddOrganizationDomainRequest,
  TOrganizationDomain,
  TOrganizationDomainList,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { assertTxtChallenge } from '../../platform/dns/txt-challenge.js';
import { TxtLookup } from '../../platform/dns/txt-lookup.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { type DomainRow, DomainsRepository } from './domains.repository.js';
import { toDomain } from './organization-dto.js';
import { requireOrganization } from './organization-scope.js';
import { newDomainChallenge } from './organization-secrets.js';
import { domainNotFound, domainTaken } from './organizations.errors.js';
import { OrganizationsRepository } from './organizations.repository.js';

/** Domains an organization claims, proven by a DNS TXT record holding the domain's challenge. */
@Injectable()
export class DomainsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly organizations: OrganizationsRepository,
    private readonly domains: DomainsRepository,
    private readonly txt: TxtLookup,
    private readonly audit: AuditService,
  ) {}

  async list(tenant: TenantRecord, organizationId: string): Promise<TOrganizationDomainList> {
    const rows = await this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      return this.domains.list(tx, tenant.id, organizationId);
    });
    return { data: rows.map(toDomain) };
  }

  async add(
    actor: Actor,
    tenant: TenantRecord,
    organizationId: string,
    request: TAddOrganizationDomainRequest,
  ): Promise<TOrganizationDomain> {
    return this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      const row = await this.domains.add(tx, tenant.id, {
        organizationId,
        domain: request.domain,
        verificationToken: newDomainChallenge(),
      });
      if (!row) throw domainTaken(request.domain);
      await this.audit.record(tx, tenant.id, actor, {
        action: 'organization.domain.add',
        targetType: 'organization_domain',
        targetId: row.id,
        changes: { organizationId, domain: row.domain },
      });
      return toDomain(row);
    });
  }

  /**
   * Looks the challenge up in DNS and marks the domain verified when a TXT record equals it. The
   * lookup runs between two short transactions, never inside one: DNS may take seconds. Verifying
   * a verified domain answers it unchanged (the proof was made; a later DNS change does not undo it).
   */
  async verify(
    actor: Actor,
    tenant: TenantRecord,
    organizationId: string,
    domainId: string,
  ): Promise<TOrganizationDomain> {
    const checked = await this.find(tenant, organizationId, domainId);
    if (checked.verifiedAt) return toDomain(checked);
    await assertTxtChallenge(this.txt, checked.domain, checked.verificationToken);
    return this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      const row = await this.domains.markVerified(tx, tenant.id, checked.id, checked.verificationToken);
      if (!row) {
        // Verified concurrently (answer it as is) or deleted meanwhile (not found).
        const current = await this.domains.find(tx, tenant.id, organizationId, domainId);
        if (current?.verifiedAt) return toDomain(current);
        throw domainNotFound();
      }
      await this.audit.record(tx, tenant.id, actor, {
        action: 'organization.domain.verify',
        targetType: 'organization_domain',
        targetId: row.id,
        changes: { organizationId, domain: row.domain, verifiedAt: row.verifiedAt?.toISOString() },
      });
      return toDomain(row);
    });
  }

  async delete(actor: Actor, tenant: TenantRecord, organizationId: string, domainId: string): Promise<void> {
    await this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      const row = isUuid(domainId) ? await this.domains.find(tx, tenant.id, organizationId, domainId) : null;
      if (!row || !(await this.domains.delete(tx, tenant.id, organizationId, domainId)))
        throw domainNotFound();
      await this.audit.record(tx, tenant.id, actor, {
        action: 'organization.domain.delete',
        targetType: 'organization_domain',
        targetId: domainId,
        changes: { organizationId, domain: row.domain },
      });
    });
  }

  private find(tenant: TenantRecord, organizationId: string, domainId: string): Promise<DomainRow> {
    return this.db.run(tenant.id, async (tx) => {
      await requireOrganization(this.organizations, tx, tenant.id, organizationId);
      const row = isUuid(domainId) ? await this.domains.find(tx, tenant.id, organizationId, domainId) : null;
      if (!row) throw domainNotFound();
      return row;
    });
  }
}
