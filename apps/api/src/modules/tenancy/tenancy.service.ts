import { Injectable } from '@nestjs/common';
import { tenantNotFound, tenantSuspended } from './tenancy.errors.js';
import { TenancyRepository, type TenantRecord } from './tenancy.repository.js';

/** A DNS label: what a tenant slug may be (checked before any query). */
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

@Injectable()
export class TenancyService {
  constructor(private readonly tenants: TenancyRepository) {}

  /** The active tenant behind an unverified slug from the URL; 404 / 403 problems otherwise. */
  async resolveActive(unverifiedTenant: string): Promise<TenantRecord> {
    if (!SLUG_PATTERN.test(unverifiedTenant)) throw tenantNotFound();
    const tenant = await this.tenants.findBySlug(unverifiedTenant);
    if (!tenant) throw tenantNotFound();
    if (tenant.status !== 'active') throw tenantSuspended();
    return tenant;
  }

  /** The built-in platform tenant, owner of platform-level jobs and operators. */
  async systemTenant(): Promise<TenantRecord> {
    const tenant = await this.tenants.findBySlug('system');
    if (!tenant) throw new Error('the built-in system tenant is missing: was the database seeded?');
    return tenant;
  }
}
