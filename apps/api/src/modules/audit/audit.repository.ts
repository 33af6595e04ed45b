import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import type { Actor, AuditEntry } from './audit.types.js';

@Injectable()
export class AuditRepository {
  /** Appends inside the caller's tenant transaction, so the event commits (or not) with the change. */
  async append(tx: TenantTransaction, tenantId: string, actor: Actor, entry: AuditEntry): Promise<void> {
    await tx.auditEvent.create({
      data: {
        tenantId,
        actorType: actor.principal.kind,
        actorId: actor.principal.credentialId,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId ?? null,
        changes: (entry.changes ?? {}) as Prisma.InputJsonObject,
        ip: actor.ip ?? null,
        userAgent: actor.userAgent?.slice(0, 512) ?? null,
        requestId: actor.requestId ?? null,
      },
    });
  }
}
