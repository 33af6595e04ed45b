import type { AdapterPayload } from 'oidc-provider';
import { Prisma } from '../../../generated/prisma/client.js';
import type { TenantDatabase } from '../../../platform/database/tenant-database.js';
import type { OidcStore } from './oidc-store.js';

/** Artifacts in `oidc_payloads`, one tenant transaction per call (row-level security applies). */
export class PgOidcStore implements OidcStore {
  constructor(private readonly db: TenantDatabase) {}

  async upsert(tenantId: string, model: string, id: string, payload: AdapterPayload, expiresIn?: number) {
    const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
    const columns = {
      payload: payload as Prisma.InputJsonObject,
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt,
      consumedAt: null,
    };
    await this.db.run(tenantId, (tx) =>
      tx.oidcPayload.upsert({
        where: { tenantId_model_id: { tenantId, model, id } },
        create: { tenantId, model, id, ...columns },
        update: columns,
      }),
    );
  }

  find(tenantId: string, model: string, id: string) {
    return this.findOne(tenantId, { model, id });
  }

  findByUid(tenantId: string, model: string, uid: string) {
    return this.findOne(tenantId, { model, uid });
  }

  findByUserCode(tenantId: string, model: string, userCode: string) {
    return this.findOne(tenantId, { model, userCode });
  }

  async consume(tenantId: string, model: string, id: string) {
    await this.db.run(tenantId, (tx) =>
      tx.oidcPayload.updateMany({ where: { tenantId, model, id }, data: { consumedAt: new Date() } }),
    );
  }

  async destroy(tenantId: string, model: string, id: string) {
    await this.db.run(tenantId, (tx) => tx.oidcPayload.deleteMany({ where: { tenantId, model, id } }));
  }

  async revokeByGrantId(tenantId: string, model: string, grantId: string) {
    await this.db.run(tenantId, (tx) => tx.oidcPayload.deleteMany({ where: { tenantId, model, grantId } }));
  }

  private async findOne(
    tenantId: string,
    where: Pick<Prisma.OidcPayloadWhereInput, 'model' | 'id' | 'uid' | 'userCode'>,
  ): Promise<AdapterPayload | undefined> {
    const row = await this.db.run(tenantId, (tx) =>
      tx.oidcPayload.findFirst({
        where: { tenantId, ...where, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
      }),
    );
    if (!row) return undefined;
    const payload = row.payload as AdapterPayload;
    return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
  }
}
