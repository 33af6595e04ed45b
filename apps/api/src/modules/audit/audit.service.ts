import { Injectable } from '@nestjs/common';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import { AuditRepository } from './audit.repository.js';
import type { Actor, AuditEntry } from './audit.types.js';

/** The audit trail of management mutations. */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  /** Records `entry` in the same transaction as the change it describes. */
  record(tx: TenantTransaction, tenantId: string, actor: Actor, entry: AuditEntry): Promise<void> {
    return this.events.append(tx, tenantId, actor, entry);
  }
}
