import { isIP } from 'node:net';
import type { TEmailSmtpSettings, TPutEmailSmtpSettingsRequest } from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { privateSmtpHost, smtpNotConfigured, smtpPasswordRequired } from './email.errors.js';
import { smtpPasswordContext } from './email-content.js';
import { isSpecialUseAddress } from './smtp-host-guard.js';
import { SmtpSettingsRepository, type SmtpSettingsRow } from './smtp-settings.repository.js';

/**
 * A tenant's own SMTP server. The password is sealed at once and never returned; it is kept across
 * updates that leave the host as it is, so an admin can change the port without retyping it, but
 * never carried to a new host (whoever changes the host must know the password).
 */
@Injectable()
export class SmtpSettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly settings: SmtpSettingsRepository,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
  ) {}

  async get(tenant: TenantRecord): Promise<TEmailSmtpSettings> {
    const row = await this.db.run(tenant.id, (tx) => this.settings.find(tx, tenant.id));
    if (!row) throw smtpNotConfigured();
    return toSmtpSettings(row);
  }

  async put(
    actor: Actor,
    tenant: TenantRecord,
    request: TPutEmailSmtpSettingsRequest,
  ): Promise<TEmailSmtpSettings> {
    // A literal address is checked now; a host name when a delivery resolves it (DNS may change).
    if (!this.config.allowPrivateNetwork && isIP(request.host) && isSpecialUseAddress(request.host)) {
      throw privateSmtpHost();
    }
    const row = await this.db.run(tenant.id, async (tx) => {
      const current = await this.settings.find(tx, tenant.id);
      const passwordSealed = this.passwordToStore(tenant.id, request, current);
      const saved = await this.settings.save(tx, tenant.id, {
        host: request.host,
        port: request.port,
        security: request.security,
        username: request.username,
        passwordSealed,
      });
      await this.audit.record(tx, tenant.id, actor, {
        action: 'email.smtp.update',
        targetType: 'email-smtp',
        changes: {
          host: saved.host,
          port: saved.port,
          security: saved.security,
          username: saved.username,
          passwordChanged: typeof request.password === 'string',
        },
      });
      return saved;
    });
    return toSmtpSettings(row);
  }

  async remove(actor: Actor, tenant: TenantRecord): Promise<void> {
    await this.db.run(tenant.id, async (tx) => {
      if (!(await this.settings.delete(tx, tenant.id))) throw smtpNotConfigured();
      await this.audit.record(tx, tenant.id, actor, {
        action: 'email.smtp.delete',
        targetType: 'email-smtp',
      });
    });
  }

  /**
   * Sealed: a new password; omitted, the stored one if the host is the same. Authentication takes a
   * username and a password together, or neither.
   */
  private passwordToStore(
    tenantId: string,
    request: TPutEmailSmtpSettingsRequest,
    current: SmtpSettingsRow | null,
  ): string | null {
    if (!request.username) {
      if (typeof request.password === 'string') {
        throw AppError.validation([
          { path: 'username', message: 'is required with a password', code: 'required' },
        ]);
      }
      return null;
    }
    if (typeof request.password === 'string') {
      return this.secrets.seal(request.password, smtpPasswordContext(tenantId));
    }
    if (request.password === null || !current?.passwordSealed) throw smtpPasswordRequired('username');
    if (current.host !== request.host) throw smtpPasswordRequired('host-changed');
    return current.passwordSealed;
  }
}

function toSmtpSettings(row: SmtpSettingsRow): TEmailSmtpSettings {
  return {
    host: row.host,
    port: row.port,
    security: row.security as TEmailSmtpSettings['security'], // a CHECK constraint holds it to these
    username: row.username,
    passwordSet: row.passwordSealed !== null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
