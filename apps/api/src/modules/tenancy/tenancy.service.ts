import type {
  TCreateTenantRequest,
  TListTenantsQuery,
  TTenant,
  TTenantList,
  TUpdateTenantRequest,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error.js';
import { tenantNotFound, tenantSuspended } from './tenancy.errors.js';
import { TenancyRepository, type TenantRecord, type TenantRow } from './tenancy.repository.js';

/** A DNS label: what a tenant slug may be (checked before any query). */
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

@Injectable()
export class TenancyService {
  constructor(private readonly tenants: TenancyRepository) {}

  /** The active tenant behind an unverified slug from the URL; 404 / 403 problems otherwise. */
  async resolveActive(unverifiedTenant: string): Promise<TenantRecord> {
    const tenant = await this.findBySlug(unverifiedTenant);
    if (!tenant) throw tenantNotFound();
    if (tenant.status !== 'active') throw tenantSuspended();
    return tenant;
  }

  /** The tenant with this slug, whatever its status; `null` for a malformed or unknown slug. */
  findBySlug(unverifiedTenant: string): Promise<TenantRecord | null> {
    return SLUG_PATTERN.test(unverifiedTenant)
      ? this.tenants.findBySlug(unverifiedTenant)
      : Promise.resolve(null);
  }

  /** The built-in platform tenant, owner of platform-level jobs and operators. */
  async systemTenant(): Promise<TenantRecord> {
    const tenant = await this.tenants.findBySlug('system');
    if (!tenant) throw new Error('the built-in system tenant is missing: was the database seeded?');
    return tenant;
  }

  async list(query: TListTenantsQuery): Promise<TTenantList> {
    const rows = await this.tenants.list(query, query.limit + 1, query.cursor);
    const data = rows.slice(0, query.limit).map(toTenant);
    return { data, ...(rows.length > query.limit ? { nextCursor: data.at(-1)?.slug } : {}) };
  }

  async get(tenant: TenantRecord): Promise<TTenant> {
    const row = await this.tenants.getBySlug(tenant.slug);
    if (!row) throw tenantNotFound();
    return toTenant(row);
  }

  async create(request: TCreateTenantRequest): Promise<TTenant> {
    const row = await this.tenants.create(request);
    if (!row) {
      throw new AppError('tenant-slug-taken', 409, 'Slug taken', {
        detail: `A tenant with the slug "${request.slug}" already exists.`,
      });
    }
    return toTenant(row);
  }

  async update(tenant: TenantRecord, request: TUpdateTenantRequest): Promise<TTenant> {
    if (tenant.isSystem && request.status === 'suspended') {
      throw new AppError('system-tenant-protected', 409, 'System tenant protected', {
        detail: 'The built-in system tenant cannot be suspended: it is how operators sign in.',
      });
    }
    return toTenant(await this.tenants.update(tenant.id, request));
  }
}

function toTenant(row: TenantRow): TTenant {
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.displayName,
    status: row.status,
    isSystem: row.isSystem,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
