import {
  emailRoutes as routes,
  type TListEmailMessagesQuery,
  type TPutEmailSmtpSettingsRequest,
  type TSendTestEmailRequest,
} from '@latchkey/contracts';
import { Controller, Param } from '@nestjs/common';
import {
  ContractBody,
  ContractQuery,
  CurrentActor,
  CurrentTenant,
  ManagementRoute,
} from '../../platform/http/route.decorator.js';
import type { Actor } from '../audit/audit.types.js';
import { EmailService } from '../email/email.service.js';
import { SmtpSettingsService } from '../email/smtp-settings.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

/** The tenant's mail: the message log (and dev outbox), retries, test messages, its SMTP server. */
@Controller()
export class EmailController {
  constructor(
    private readonly email: EmailService,
    private readonly smtp: SmtpSettingsService,
  ) {}

  @ManagementRoute(routes.listEmailMessages)
  list(
    @CurrentTenant() tenant: TenantRecord,
    @ContractQuery(routes.listEmailMessages) query: TListEmailMessagesQuery,
  ) {
    return this.email.list(tenant, query);
  }

  @ManagementRoute(routes.getEmailMessage)
  get(@CurrentTenant() tenant: TenantRecord, @Param('messageId') messageId: string) {
    return this.email.get(tenant, messageId);
  }

  @ManagementRoute(routes.retryEmailMessage)
  retry(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @Param('messageId') messageId: string,
  ) {
    return this.email.retry(actor, tenant, messageId);
  }

  @ManagementRoute(routes.sendTestEmail)
  sendTest(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.sendTestEmail) body: TSendTestEmailRequest,
  ) {
    return this.email.sendTest(actor, tenant, body);
  }

  @ManagementRoute(routes.getEmailSmtpSettings)
  getSmtp(@CurrentTenant() tenant: TenantRecord) {
    return this.smtp.get(tenant);
  }

  @ManagementRoute(routes.putEmailSmtpSettings)
  putSmtp(
    @CurrentActor() actor: Actor,
    @CurrentTenant() tenant: TenantRecord,
    @ContractBody(routes.putEmailSmtpSettings) body: TPutEmailSmtpSettingsRequest,
  ) {
    return this.smtp.put(actor, tenant, body);
  }

  @ManagementRoute(routes.deleteEmailSmtpSettings)
  deleteSmtp(@CurrentActor() actor: Actor, @CurrentTenant() tenant: TenantRecord) {
    return this.smtp.remove(actor, tenant);
  }
}
