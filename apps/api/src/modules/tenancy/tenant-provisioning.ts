import type { TTenantSettings } from '@latchkey/contracts';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

/**
 * What another module sets up for a new tenant (its signing keys, …) inside the transaction that
 * inserts the tenant, already entered as that tenant: a tenant exists complete or not at all.
 */
export interface TenantProvisioner {
  provisionTenant(tx: TenantTransaction, tenant: { id: string; settings: TTenantSettings }): Promise<void>;
}

/** Nest token of the provisioners TenancyService runs at tenant creation (see TenancyModule). */
export const TENANT_PROVISIONERS = Symbol('TENANT_PROVISIONERS');
