import { Injectable } from '@nestjs/common';
import { type Organization, Prisma } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';

export type OrganizationRow = Organization;

/** What the API lets a caller write; the repository stamps `tenantId`, the database the rest. */
export interface OrganizationFields {
  name: string;
  slug: string;
  metadata: Record<string, unknown>;
  allowedSignInMethods: string[];
  mfaRequired: boolean;
  jitProvisioning: boolean;
}

/**
 * `organizations` is tenant-owned. Every method runs inside the caller's tenant transaction (so the
 * service can audit in the same one) and still filters by tenant: row-level security is the backstop.
 */
@Injectable()
export class OrganizationsRepository {
  /** `null` when the slug is taken: the unique index decides, so concurrent creates are safe. */
  async create(tx: TenantTransaction, tenantId: string, fields: OrganizationFields) {
    const [row] = await tx.organization.createManyAndReturn({
      data: [{ tenantId, ...columns(fields), metadata: json(fields.metadata) }],
      skipDuplicates: true,
    });
    return row ?? null;
  }

  find(tx: TenantTransaction, tenantId: string, id: string): Promise<OrganizationRow | null> {
    return tx.organization.findUnique({ where: { tenantId_id: { tenantId, id } } });
  }

  /**
   * Whether the organization exists, holding a key-share lock on it until the transaction ends: a
   * concurrent delete waits, so rows added below it never meet a vanished parent (a 500 otherwise).
   */
  async lockShared(tx: TenantTransaction, tenantId: string, id: string): Promise<boolean> {
    const rows = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM organizations WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR KEY SHARE`;
    return rows.length === 1;
  }

  /** Ordered by slug; `limit` rows after `afterSlug`, name or slug containing `q`. */
  list(tx: TenantTransaction, tenantId: string, q: string | undefined, limit: number, afterSlug?: string) {
    const contains = q === undefined ? undefined : escapeLike(q);
    return tx.organization.findMany({
      where: {
        AND: [
          { tenantId },
          contains === undefined
            ? {}
            : {
                OR: [
                  { name: { contains, mode: 'insensitive' } },
                  { slug: { contains: contains.toLowerCase() } },
                ],
              },
          afterSlug === undefined ? {} : { slug: { gt: afterSlug } },
        ],
      },
      orderBy: { slug: 'asc' },
      take: limit,
    });
  }

  /** `null` when there is no such organization; a taken slug throws (see `isUniqueViolation`). */
  async update(tx: TenantTransaction, tenantId: string, id: string, fields: Partial<OrganizationFields>) {
    const data = { ...columns(fields), metadata: fields.metadata && json(fields.metadata) };
    if (Object.values(data).every((value) => value === undefined)) return this.find(tx, tenantId, id);
    const [row] = await tx.organization.updateManyAndReturn({ where: { tenantId, id }, data });
    return row ?? null;
  }

  /** Hard delete; domains, memberships (with their roles) and invitations go with it (FK cascade). */
  async delete(tx: TenantTransaction, tenantId: string, id: string): Promise<boolean> {
    const { count } = await tx.organization.deleteMany({ where: { tenantId, id } });
    return count === 1;
  }
}

/**
 * The plain columns, picked one by one so that nothing else the caller's object carries reaches
 * the database; `undefined` leaves a column unchanged (Prisma skips it).
 */
function columns<F extends Partial<OrganizationFields>>(fields: F) {
  return {
    name: fields.name as F['name'],
    slug: fields.slug as F['slug'],
    allowedSignInMethods: fields.allowedSignInMethods as F['allowedSignInMethods'],
    mfaRequired: fields.mfaRequired as F['mfaRequired'],
    jitProvisioning: fields.jitProvisioning as F['jitProvisioning'],
  };
}

/** Metadata was parsed from a JSON body and walked by assertStorable: it is JSON all the way down. */
const json = (value: Record<string, unknown>) => value as Prisma.InputJsonObject;

/** Prisma passes `%`, `_` and `\` through to LIKE as wildcards: `q=a_` must not match `ab`. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** A unique index refused the write (P2002). The transaction is aborted: rethrow as a problem outside it. */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
