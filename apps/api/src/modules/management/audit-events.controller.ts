import { auditRoutes as routes, type TListAuditEventsQuery } from '@latchkey/contracts';
import { Controller } from '@nestjs/common';
import { ContractQuery, CurrentTenant, ManagementRoute } from '../../platform/http/route.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';

@Controller()
export class AuditEventsController {
  constructor(private readonly audit: AuditService) {}

  @ManagementRoute(routes.listAuditEvents)
  list(
    @CurrentTenant() tenant: TenantRecord,
    @ContractQuery(routes.listAuditEvents) query: TListAuditEventsQuery,
  ) {
    return this.audit.list(tenant, query);
  }
}
