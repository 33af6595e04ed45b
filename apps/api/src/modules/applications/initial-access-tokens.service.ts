import type {
  TCreatedInitialAccessToken,
  TCreateInitialAccessTokenRequest,
  TInitialAccessToken,
  TInitialAccessTokenList,
  TListInitialAccessTokensQuery,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { initialAccessTokenStatus, newInitialAccessToken } from './initial-access-token.js';
import {
  type InitialAccessTokenRow,
  InitialAccessTokensRepository,
} from './initial-access-tokens.repository.js';

/** What a list cursor holds: the last token of the previous page. */
const ZTokenCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

const tokenNotFound = () => AppError.notFound('No initial access token with this id in this tenant.');

/**
 * Initial access tokens for dynamic client registration: created (the value shown once, only its
 * hash stored), listed, revoked here; each registration counts a use (ApplicationsService).
 */
@Injectable()
export class InitialAccessTokensService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tokens: InitialAccessTokensRepository,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: Actor,
    tenant: TenantRecord,
    request: TCreateInitialAccessTokenRequest,
  ): Promise<TCreatedInitialAccessToken> {
    const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw AppError.validation([{ path: 'expiresAt', message: 'must be in the future', code: 'too_small' }]);
    }
    const { token, tokenHash } = newInitialAccessToken();
    const row = await this.db.run(tenant.id, async (tx) => {
      const created = await this.tokens.create(tx, tenant.id, {
        name: request.name,
        tokenHash,
        expiresAt,
        maxUses: request.maxUses ?? null,
      });
      await this.audit.record(tx, tenant.id, actor, {
        action: 'initial-access-token.create',
        targetType: 'initial-access-token',
        targetId: created.id,
        changes: { name: created.name, expiresAt: request.expiresAt, maxUses: created.maxUses },
      });
      return created;
    });
    return { ...toInitialAccessToken(row, new Date()), token };
  }

  async list(tenant: TenantRecord, query: TListInitialAccessTokensQuery): Promise<TInitialAccessTokenList> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(ZTokenCursor, query.cursor);
    const after = cursor && { createdAt: new Date(cursor.createdAt), id: cursor.id };
    const now = new Date();
    const rows = await this.db.run(tenant.id, (tx) =>
      this.tokens.list(tx, tenant.id, { status: query.status, now }, query.limit + 1, after),
    );
    const shown = rows.slice(0, query.limit);
    const last = shown.at(-1);
    return {
      data: shown.map((row) => toInitialAccessToken(row, now)),
      ...(rows.length > query.limit && last
        ? { nextCursor: encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) }
        : {}),
    };
  }

  /** Idempotent; clients the token registered stay (delete them as applications). */
  async revoke(actor: Actor, tenant: TenantRecord, id: string): Promise<void> {
    if (!isUuid(id)) throw tokenNotFound();
    await this.db.run(tenant.id, async (tx) => {
      const revoked = await this.tokens.revoke(tx, tenant.id, id);
      if (!revoked) {
        if (!(await this.tokens.find(tx, tenant.id, id))) throw tokenNotFound();
        return;
      }
      await this.audit.record(tx, tenant.id, actor, {
        action: 'initial-access-token.revoke',
        targetType: 'initial-access-token',
        targetId: id,
        changes: { revokedAt: revoked.revokedAt?.toISOString() },
      });
    });
  }
}

function toInitialAccessToken(row: InitialAccessTokenRow, now: Date): TInitialAccessToken {
  return {
    id: row.id,
    name: row.name,
    status: initialAccessTokenStatus(row, now),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    maxUses: row.maxUses,
    uses: row.uses,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
