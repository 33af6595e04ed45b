import type { TAuditEvent, TAuditEventList, TListAuditEventsQuery } from '@latchkey/contracts';
import { Injectable, Optional } from '@nestjs/common';
import { z } from 'zod';
import { assertStorable } from '../../platform/database/storable.js';
import { TenantDatabase, type TenantTransaction } from '../../platform/database/tenant-database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { type AuditEventRow, AuditRepository } from './audit.repository.js';
import type { Actor, AuditEntry } from './audit.types.js';

const ZAuditCursor = z.object({ occurredAt: z.iso.datetime(), id: z.uuid() });

/** The audit trail of management mutations. */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    /** For reading the trail; code that only records (jobs, the CLI) builds it without. */
    @Optional() private readonly db?: TenantDatabase,
  ) {}

  /** Records `entry` in the same transaction as the change it describes. */
  record(tx: TenantTransaction, tenantId: string, actor: Actor, entry: AuditEntry): Promise<void> {
    return this.events.append(tx, tenantId, actor, entry);
  }

  /** Newest first, keyset-paginated, filtered by action (or prefix), target, actor and time. */
  async list(tenant: TenantRecord, query: TListAuditEventsQuery): Promise<TAuditEventList> {
    if (!this.db) throw new Error('AuditService.list needs the TenantDatabase');
    assertStorable({ targetId: query.targetId, actorId: query.actorId });
    const after = query.cursor === undefined ? undefined : decodeCursor(ZAuditCursor, query.cursor);
    const filter = {
      action: query.action,
      targetType: query.targetType,
      targetId: query.targetId,
      actorId: query.actorId,
      since: query.since ? new Date(query.since) : undefined,
      until: query.until ? new Date(query.until) : undefined,
    };
    const rows = await this.db.run(tenant.id, (tx) =>
      this.events.list(
        tx,
        tenant.id,
        filter,
        query.limit + 1,
        after ? { occurredAt: new Date(after.occurredAt), id: after.id } : undefined,
      ),
    );
    const data = rows.slice(0, query.limit);
    const last = data.at(-1);
    return {
      data: data.map(toAuditEvent),
      ...(rows.length > query.limit && last
        ? { nextCursor: encodeCursor({ occurredAt: last.occurredAt.toISOString(), id: last.id }) }
        : {}),
    };
  }
}

function toAuditEvent(row: AuditEventRow): TAuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: { type: row.actorType, id: row.actorId },
    action: row.action,
    target: { type: row.targetType, id: row.targetId },
    changes: (row.changes ?? {}) as Record<string, unknown>,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
  };
}
