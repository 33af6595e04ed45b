import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { EmailService } from './email.service.js';
import { EmailMessagesRepository } from './email-messages.repository.js';
import { SmtpSettingsRepository } from './smtp-settings.repository.js';
import { SmtpSettingsService } from './smtp-settings.service.js';

/**
 * Transactional mail: templates, the message log / dev outbox, tenants' SMTP servers. Delivery runs
 * in the `email.deliver` job. TenantDatabase, SecretBox and the job service are global.
 */
@Module({
  imports: [AuditModule, TenancyModule],
  providers: [EmailMessagesRepository, SmtpSettingsRepository, EmailService, SmtpSettingsService],
  exports: [EmailService, SmtpSettingsService],
})
export class EmailModule {}
