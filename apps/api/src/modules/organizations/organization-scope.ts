import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import { isUuid } from '../../platform/http/ids.js';
import { organizationNotFound } from './organizations.errors.js';
import type { OrganizationsRepository } from './organizations.repository.js';

/**
 * The first step of every route below an organization: the organization must exist in the tenant
 * (else 404, also for ids that are not UUIDs), and stays there until the transaction ends.
 */
export async function requireOrganization(
  organizations: OrganizationsRepository,
  tx: TenantTransaction,
  tenantId: string,
  organizationId: string,
): Promise<void> {
  if (!isUuid(organizationId) || !(await organizations.lockShared(tx, tenantId, organizationId))) {
    throw organizationNotFound();
  }
}
