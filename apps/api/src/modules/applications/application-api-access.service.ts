import {
  type TApplicationApiAccess,
  type TApplicationApiAccessList,
  TOKEN_EXCHANGE_GRANT,
  type TProblemFieldError,
  type TSetApplicationApiAccessRequest,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { TenantDatabase, type TenantTransaction } from '../../platform/database/tenant-database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ChangeBus } from '../../platform/events/change-bus.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import { apiResourceNotFound } from '../rbac/rbac.errors.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import {
  ApplicationApiAccessRepository,
  type GrantableResource,
} from './application-api-access.repository.js';
import { apiAccessNeedsM2m, applicationNotFound } from './applications.errors.js';
import { ApplicationsRepository } from './applications.repository.js';

/**
 * Which API resources an m2m application may get client_credentials tokens for, and with which
 * permissions. A `web` application registered for token exchange may be granted API resources too,
 * without permissions: it is then a back end of those APIs, which may exchange (and introspect) the
 * tokens users' applications got for them (docs/claims.md#token-exchange). The grants travel in the application's client metadata (`latchkey:api_access`), so
 * every change is published on the ChangeBus: each replica's OIDC provider drops the cached client
 * and the very next token request sees it. A request that changes nothing records nothing.
 */
@Injectable()
export class ApplicationApiAccessService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly applications: ApplicationsRepository,
    private readonly access: ApplicationApiAccessRepository,
    private readonly audit: AuditService,
    private readonly changes: ChangeBus,
  ) {}

  /** Empty for an application of another type: those are never granted anything. */
  async list(tenant: TenantRecord, applicationId: string): Promise<TApplicationApiAccessList> {
    if (!isUuid(applicationId)) throw applicationNotFound();
    const rows = await this.db.run(tenant.id, async (tx) => {
      if (!(await this.applications.find(tx, tenant.id, applicationId))) throw applicationNotFound();
      return this.access.list(tx, tenant.id, applicationId);
    });
    return { data: rows };
  }

  /** All or nothing: any name that is not a permission of the resource is a 400 naming each one. */
  async set(
    actor: Actor,
    tenant: TenantRecord,
    applicationId: string,
    apiResourceId: string,
    request: TSetApplicationApiAccessRequest,
  ): Promise<TApplicationApiAccess> {
    if (!isUuid(applicationId)) throw applicationNotFound();
    if (!isUuid(apiResourceId)) throw apiResourceNotFound();
    const { access, changed } = await this.db.run(tenant.id, async (tx) => {
      // Locked: two PUTs for one application run one after the other, so the last one wins whole.
      const type = await this.lockGrantable(tx, tenant.id, applicationId);
      if (type === 'web' && request.permissions.length > 0) {
        throw AppError.validation(
          [
            {
              path: 'permissions',
              message:
                'must be empty for a web application: its tokens carry the user’s permissions; the grant makes it a back end of the API',
              code: 'invalid_value',
            },
          ],
          'A web application is granted an API resource without permissions.',
        );
      }
      const resource = await this.access.resource(tx, tenant.id, apiResourceId);
      if (!resource) throw apiResourceNotFound();
      const byName = new Map(resource.permissions.map((p) => [p.name, p.id]));
      const unknown = unknownPermissions(request.permissions, byName);
      if (unknown.length > 0) {
        throw AppError.validation(
          unknown,
          `Some names are not permissions of the API resource ${resource.identifier}; nothing was changed.`,
        );
      }
      const wanted = [...new Set(request.permissions)].map((name) => byName.get(name) as string);
      const { created, added, removed } = await this.access.replace(
        tx,
        tenant.id,
        applicationId,
        apiResourceId,
        wanted,
      );
      const changed = created || added.length > 0 || removed.length > 0;
      if (changed) {
        const names = namesOf(resource);
        await this.audit.record(tx, tenant.id, actor, {
          action: 'application.api_access.set',
          targetType: 'application',
          targetId: applicationId,
          changes: {
            apiResourceId,
            identifier: resource.identifier,
            added: added.map(names),
            removed: removed.map(names),
          },
        });
      }
      const granted = new Set(wanted);
      return {
        changed,
        access: {
          resource: { id: resource.id, identifier: resource.identifier, name: resource.name },
          permissions: resource.permissions.filter((p) => granted.has(p.id)).map((p) => p.name),
        },
      };
    });
    if (changed) await this.changed(tenant.id);
    return access;
  }

  /** Idempotent: a resource the application was not granted is no error (an unknown one is a 404). */
  async remove(
    actor: Actor,
    tenant: TenantRecord,
    applicationId: string,
    apiResourceId: string,
  ): Promise<void> {
    if (!isUuid(applicationId)) throw applicationNotFound();
    if (!isUuid(apiResourceId)) throw apiResourceNotFound();
    const changed = await this.db.run(tenant.id, async (tx) => {
      await this.lockGrantable(tx, tenant.id, applicationId);
      const resource = await this.access.resource(tx, tenant.id, apiResourceId);
      if (!resource) throw apiResourceNotFound();
      if (!(await this.access.delete(tx, tenant.id, applicationId, apiResourceId))) return false;
      await this.audit.record(tx, tenant.id, actor, {
        action: 'application.api_access.delete',
        targetType: 'application',
        targetId: applicationId,
        changes: { apiResourceId, identifier: resource.identifier },
      });
      return true;
    });
    if (changed) await this.changed(tenant.id);
  }

  /**
   * The application, locked until the transaction ends; 404 when unknown, 409 unless m2m or a web
   * application registered for token exchange. Its type.
   */
  private async lockGrantable(
    tx: TenantTransaction,
    tenantId: string,
    applicationId: string,
  ): Promise<'m2m' | 'web'> {
    const application = await this.applications.lock(tx, tenantId, applicationId);
    if (!application) throw applicationNotFound();
    if (application.type === 'm2m') return 'm2m';
    if (application.type === 'web' && application.grantTypes.includes(TOKEN_EXCHANGE_GRANT)) return 'web';
    throw apiAccessNeedsM2m(application.type);
  }

  /** Tells every replica's OIDC provider to drop what it cached of this tenant's clients. */
  private changed(tenantId: string): Promise<void> {
    return this.changes.publish({ tenantId, what: 'applications' });
  }
}

/** `permissions[i]` for each name the resource does not define (a repeated one at each index). */
function unknownPermissions(
  names: readonly string[],
  known: ReadonlyMap<string, string>,
): TProblemFieldError[] {
  return names.flatMap((name, i) =>
    known.has(name)
      ? []
      : [
          {
            path: `permissions[${i}]`,
            message: 'is not a permission of this API resource',
            code: 'not_found',
          },
        ],
  );
}

const namesOf = (resource: GrantableResource) => {
  const byId = new Map(resource.permissions.map((p) => [p.id, p.name]));
  return (id: string): string => byId.get(id) ?? id;
};
