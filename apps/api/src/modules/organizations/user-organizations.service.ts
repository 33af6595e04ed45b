import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { isUuid } from '../../platform/http/ids.js';
import { MembershipsRepository } from './memberships.repository.js';

/** An organization as sign-in sees it: who it is and the user's roles in it. */
export interface UserOrganization {
  id: string;
  name: string;
  slug: string;
  roles: string[];
}

/** The organizations of one user, for the organization picker and the `org_*` token claims. */
@Injectable()
export class UserOrganizationsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly memberships: MembershipsRepository,
  ) {}

  async list(tenantId: string, userId: string): Promise<UserOrganization[]> {
    if (!isUuid(userId)) return [];
    const rows = await this.db.run(tenantId, (tx) => this.memberships.listForUser(tx, tenantId, userId));
    return rows.map(toUserOrganization);
  }

  /** The organization if the user is (still) a member of it, else undefined. */
  async membership(
    tenantId: string,
    userId: string,
    organizationId: string,
  ): Promise<UserOrganization | undefined> {
    if (!isUuid(userId) || !isUuid(organizationId)) return undefined;
    const [row] = await this.db.run(tenantId, (tx) =>
      this.memberships.listForUser(tx, tenantId, userId, organizationId),
    );
    return row ? toUserOrganization(row) : undefined;
  }
}

function toUserOrganization(row: {
  organization: { id: string; name: string; slug: string };
  roles: { role: { name: string } }[];
}): UserOrganization {
  return { ...row.organization, roles: row.roles.map((r) => r.role.name) };
}
