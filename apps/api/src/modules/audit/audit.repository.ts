import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import type { Actor, AuditEntry } from './audit.types.js';

/** Keyset position: the list continues strictly after (older than) this event. */
export interface AuditPosition {
  occurredAt: Date;
  id: string;
}

export interface AuditFilter {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorId?: string;
  since?: Date;
  until?: Date;
}

export type AuditEventRow = Prisma.AuditEventGetPayload<object>;

@Injectable()
export class AuditRepository {
  /** Newest first; the index (tenant_id, occurred_at DESC) serves the order and the time range. */
  list(
    tx: TenantTransaction,
    tenantId: string,
    filter: AuditFilter,
    limit: number,
    after?: AuditPosition,
  ): Promise<AuditEventRow[]> {
    const action = filter.action?.endsWith('.')
      ? { startsWith: filter.action }
      : filter.action === undefined
        ? undefined
        : { equals: filter.action };
    const where: Prisma.AuditEventWhereInput = {
      tenantId,
      ...(action ? { action } : {}),
      ...(filter.targetType ? { targetType: filter.targetType } : {}),
      ...(filter.targetId ? { targetId: filter.targetId } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      occurredAt: {
        ...(filter.since ? { gte: filter.since } : {}),
        ...(filter.until ? { lt: filter.until } : {}),
      },
      ...(after
        ? {
            OR: [
              { occurredAt: { lt: after.occurredAt } },
              { occurredAt: after.occurredAt, id: { lt: after.id } },
            ],
          }
        : {}),
    };
    return tx.auditEvent.findMany({ where, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: limit });
  }

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
