import type {
  TApplicationSecretList,
  TRotateApplicationSecretRequest,
  TRotatedApplicationSecret,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { ChangeBus } from '../../platform/events/change-bus.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { newClientSecret } from './application-credentials.js';
import { toApplicationSecret } from './application-dto.js';
import { TYPE_RULES } from './application-rules.js';
import { ApplicationSecretsRepository } from './application-secrets.repository.js';
import { applicationNotFound, publicClientHasNoSecret } from './applications.errors.js';
import { ApplicationsRepository } from './applications.repository.js';

/**
 * Client secrets: listed by hint only, rotated with an overlap window during which the previous
 * secrets stay valid, so a client can be redeployed with the new one without downtime.
 */
@Injectable()
export class ApplicationSecretsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly applications: ApplicationsRepository,
    private readonly secrets: ApplicationSecretsRepository,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    private readonly changes: ChangeBus,
  ) {}

  /** The secrets valid now, newest first; empty for a public client. */
  async list(tenant: TenantRecord, applicationId: string): Promise<TApplicationSecretList> {
    if (!isUuid(applicationId)) throw applicationNotFound();
    const rows = await this.db.run(tenant.id, async (tx) => {
      if (!(await this.applications.find(tx, tenant.id, applicationId))) throw applicationNotFound();
      return this.secrets.listValid(tx, tenant.id, applicationId, new Date());
    });
    return { data: rows.map(toApplicationSecret) };
  }

  /**
   * A new secret, shown in this response only. The previous ones stay valid for `overlapSeconds`
   * (never longer than they already would), or are deleted at once when it is 0.
   */
  async rotate(
    actor: Actor,
    tenant: TenantRecord,
    applicationId: string,
    request: TRotateApplicationSecretRequest,
  ): Promise<TRotatedApplicationSecret> {
    if (!isUuid(applicationId)) throw applicationNotFound();
    const result = await this.db.run(tenant.id, async (tx) => {
      // Locked: two rotations at once must not each expire the other's new secret.
      const application = await this.applications.lock(tx, tenant.id, applicationId);
      if (!application) throw applicationNotFound();
      if (TYPE_RULES[application.type].public) throw publicClientHasNoSecret(application.type);
      const now = new Date();
      const issued = newClientSecret(this.box, tenant.id);
      await this.secrets.create(tx, tenant.id, applicationId, issued);
      if (request.overlapSeconds === 0) {
        await this.secrets.deleteOthers(tx, tenant.id, applicationId, issued.id);
      } else {
        const until = new Date(now.getTime() + request.overlapSeconds * 1000);
        await this.secrets.expireOthers(tx, tenant.id, applicationId, issued.id, until);
        await this.secrets.deleteExpired(tx, tenant.id, now, applicationId);
      }
      await this.audit.record(tx, tenant.id, actor, {
        action: 'application.secret.rotate',
        targetType: 'application',
        targetId: applicationId,
        changes: { secretId: issued.id, overlapSeconds: request.overlapSeconds },
      });
      const valid = await this.secrets.listValid(tx, tenant.id, applicationId, now);
      return { clientId: application.clientId, clientSecret: issued.secret, secrets: valid };
    });
    await this.changes.publish({ tenantId: tenant.id, what: 'applications' });
    return { ...result, secrets: result.secrets.map(toApplicationSecret) };
  }
}
