import type {
  TCreateTenantRequest,
  TListTenantsQuery,
  TTenant,
  TTenantList,
  TTenantSettings,
  TUpdateTenantRequest,
} from '@latchkey/contracts';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { platformOnly } from '../../platform/auth/auth.errors.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ChangeBus } from '../../platform/events/change-bus.js';
import { tenantNotFound, tenantSuspended } from './tenancy.errors.js';
import { TenancyRepository, type TenantRecord, type TenantRow } from './tenancy.repository.js';
import { TENANT_PROVISIONERS, type TenantProvisioner } from './tenant-provisioning.js';
import { applyTenantSettings, readTenantSettings } from './tenant-settings.js';

const TENANT_TTL_MS = 10_000;
const MISS_TTL_MS = 2_000;
const TENANT_CACHE_MAX = 10_000;

/** A DNS label: what a tenant slug may be (checked before any query). */
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

@Injectable()
export class TenancyService {
  constructor(
    private readonly tenants: TenancyRepository,
    @Optional()
    @Inject(TENANT_PROVISIONERS)
    private readonly provisioners: readonly TenantProvisioner[] = [],
    /** Tells caches on every replica (the OIDC providers) that a tenant's settings changed. */
    @Optional() private readonly changes?: ChangeBus,
  ) {
    // Only with a bus to hear of changes is caching safe (hand-built instances never cache).
    changes?.subscribe((change) => this.forget(change.tenantId));
  }

  /**
   * Slug → tenant, for the request path (every OIDC and login request resolves its tenant). Short
   * lived and dropped on every change message; misses are kept even shorter, so a new tenant is
   * reachable almost at once on every replica.
   */
  private readonly recent = new Map<string, { tenant: TenantRecord | null; until: number }>();
  private readonly recentSettings = new Map<string, { settings: TTenantSettings; until: number }>();

  /** The active tenant behind an unverified slug from the URL; 404 / 403 problems otherwise. */
  async resolveActive(unverifiedTenant: string): Promise<TenantRecord> {
    const tenant = await this.findBySlug(unverifiedTenant);
    if (!tenant) throw tenantNotFound();
    if (tenant.status !== 'active') throw tenantSuspended();
    return tenant;
  }

  /**
   * The active tenant for this slug when the cache knows it fresh, without a promise: the OIDC fast
   * path's shortcut for the common case. `undefined` means "ask resolveActive", never "no tenant".
   */
  cachedActive(unverifiedTenant: string): TenantRecord | undefined {
    const cached = this.changes ? this.recent.get(unverifiedTenant) : undefined;
    if (!cached?.tenant || cached.until <= Date.now() || cached.tenant.status !== 'active') return undefined;
    return cached.tenant;
  }

  /** The tenant with this slug, whatever its status; `null` for a malformed or unknown slug. */
  async findBySlug(unverifiedTenant: string): Promise<TenantRecord | null> {
    if (!SLUG_PATTERN.test(unverifiedTenant)) return null;
    if (!this.changes) return this.tenants.findBySlug(unverifiedTenant);
    const cached = this.recent.get(unverifiedTenant);
    if (cached && cached.until > Date.now()) return cached.tenant;
    const tenant = await this.tenants.findBySlug(unverifiedTenant);
    if (this.recent.size >= TENANT_CACHE_MAX) this.recent.clear();
    this.recent.set(unverifiedTenant, { tenant, until: Date.now() + (tenant ? TENANT_TTL_MS : MISS_TTL_MS) });
    return tenant;
  }

  /** Drops what is cached about the tenant (and every miss: it may be the one just created). */
  private forget(tenantId: string): void {
    this.recentSettings.delete(tenantId);
    for (const [slug, entry] of this.recent) {
      if (!entry.tenant || entry.tenant.id === tenantId) this.recent.delete(slug);
    }
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
    const settings = applyTenantSettings(readTenantSettings({}), request.settings ?? {});
    const row = await this.tenants.create(
      { slug: request.slug, displayName: request.displayName, settings },
      async (tx, created) => {
        for (const provisioner of this.provisioners)
          await provisioner.provisionTenant(tx, { id: created.id, settings });
      },
    );
    if (!row) {
      throw new AppError('tenant-slug-taken', 409, 'Slug taken', {
        detail: `A tenant with the slug "${request.slug}" already exists.`,
      });
    }
    // A miss for this slug may be cached on this and other replicas: the new tenant is news.
    this.forget(row.id);
    await this.changes?.publish({ tenantId: row.id, what: 'tenant' });
    return toTenant(row);
  }

  /** Tenant admins may rename and tune their tenant; only the platform may change its status. */
  async update(tenant: TenantRecord, request: TUpdateTenantRequest, platform: boolean): Promise<TTenant> {
    if (request.status !== undefined && !platform) throw platformOnly();
    if (tenant.isSystem && request.status === 'suspended') {
      throw new AppError('system-tenant-protected', 409, 'System tenant protected', {
        detail: 'The built-in system tenant cannot be suspended: it is how operators sign in.',
      });
    }
    const current = await this.tenants.getBySlug(tenant.slug);
    if (!current) throw tenantNotFound();
    const settings = request.settings
      ? applyTenantSettings(readTenantSettings(current.settings), request.settings)
      : undefined;
    const updated = await this.tenants.update(tenant.id, {
      ...(request.displayName !== undefined ? { displayName: request.displayName } : {}),
      ...(request.status !== undefined ? { status: request.status } : {}),
      ...(settings ? { settings } : {}),
    });
    this.forget(tenant.id); // at once here; other replicas when the message arrives
    await this.changes?.publish({ tenantId: tenant.id, what: 'tenant' });
    return toTenant(updated);
  }

  /** The tenant's settings with defaults filled in (for the modules that enforce them). */
  async settings(tenant: TenantRecord): Promise<TTenantSettings> {
    // Read on every sign-in (protection, sign-up rules): cached like the tenant itself.
    const cached = this.changes ? this.recentSettings.get(tenant.id) : undefined;
    if (cached && cached.until > Date.now()) return cached.settings;
    const row = await this.tenants.getBySlug(tenant.slug);
    if (!row) throw tenantNotFound();
    const settings = readTenantSettings(row.settings);
    if (this.changes) {
      if (this.recentSettings.size >= TENANT_CACHE_MAX) this.recentSettings.clear();
      this.recentSettings.set(tenant.id, { settings, until: Date.now() + TENANT_TTL_MS });
    }
    return settings;
  }
}

function toTenant(row: TenantRow): TTenant {
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.displayName,
    status: row.status,
    isSystem: row.isSystem,
    settings: readTenantSettings(row.settings),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
