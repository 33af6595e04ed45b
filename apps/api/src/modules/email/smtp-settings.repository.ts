import { Injectable } from '@nestjs/common';
import type { EmailSmtpSettings } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

export type SmtpSettingsRow = EmailSmtpSettings;

export interface SmtpSettingsFields {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string | null;
  /** Sealed with context `smtp-password:<tenant>`; never the password itself. */
  passwordSealed: string | null;
}

/** `email_smtp_settings`: at most one row per tenant, keyed by the tenant. */
@Injectable()
export class SmtpSettingsRepository {
  find(tx: TenantTransaction, tenantId: string): Promise<SmtpSettingsRow | null> {
    return tx.emailSmtpSettings.findUnique({ where: { tenantId } });
  }

  save(tx: TenantTransaction, tenantId: string, fields: SmtpSettingsFields): Promise<SmtpSettingsRow> {
    return tx.emailSmtpSettings.upsert({
      where: { tenantId },
      create: { tenantId, ...fields },
      update: fields,
    });
  }

  async delete(tx: TenantTransaction, tenantId: string): Promise<boolean> {
    const { count } = await tx.emailSmtpSettings.deleteMany({ where: { tenantId } });
    return count === 1;
  }
}
