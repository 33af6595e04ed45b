import type { TApiKey, TCreateApiKeyRequest, TCreatedApiKey } from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { unauthenticated } from '../../platform/auth/auth.errors.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { apiKeyPrefix, newApiKeySecret, parseApiKey, secretMatches } from './api-key-secret.js';
import { type ApiKeyRecord, ApiKeysRepository } from './api-keys.repository.js';

const apiKeyNotFound = () => AppError.notFound('No API key with this id in this tenant.');

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository) {}

  /** Creates a key; the returned `key` is the only time its secret exists outside the caller. */
  async create(tenant: TenantRecord, request: TCreateApiKeyRequest): Promise<TCreatedApiKey> {
    const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw AppError.validation([{ path: 'expiresAt', message: 'must be in the future', code: 'too_small' }]);
    }
    const secret = newApiKeySecret();
    const row = await this.keys.create({
      tenantId: tenant.id,
      name: request.name,
      keyId: secret.keyId,
      secretHash: secret.secretHash,
      expiresAt,
    });
    return { ...toApiKey(row, tenant.isSystem), key: secret.key };
  }

  async list(tenant: TenantRecord, limit: number, cursor?: string) {
    const rows = await this.keys.list(tenant.id, limit + 1, cursor);
    const data = rows.slice(0, limit).map((row) => toApiKey(row, tenant.isSystem));
    return { data, ...(rows.length > limit ? { nextCursor: data.at(-1)?.id } : {}) };
  }

  async revoke(tenant: TenantRecord, id: string): Promise<void> {
    if (await this.keys.revoke(tenant.id, id)) return;
    // Revoking twice is fine; a key of another tenant (or none) is not found.
    if (!(await this.keys.exists(tenant.id, id))) throw apiKeyNotFound();
  }

  /** The principal behind an `Authorization` header, or a 401 problem saying what is wrong. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('Send an API key as `Authorization: Bearer lk_…`.');
    const parsed = parseApiKey(token);
    const row = parsed ? await this.keys.findByKeyId(parsed.keyId) : null;
    // One answer for unknown, wrong, revoked and expired keys: nothing to probe for.
    const usable =
      parsed &&
      row &&
      secretMatches(parsed.secret, row.secretHash) &&
      !row.revokedAt &&
      (!row.expiresAt || row.expiresAt.getTime() > Date.now());
    if (!usable || !row) throw unauthenticated('The API key is invalid, revoked or expired.');
    void this.keys.touch(row.id).catch(() => undefined);
    return { kind: 'api-key', credentialId: row.id, tenantId: row.tenantId, platform: row.tenant.isSystem };
  }
}

function toApiKey(row: ApiKeyRecord, platform: boolean): TApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: apiKeyPrefix(row.keyId),
    scope: platform ? 'platform' : 'tenant',
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
