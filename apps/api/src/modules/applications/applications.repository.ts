import type { TApplicationRegistration, TApplicationType } from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { type Application, type ApplicationSecret, Prisma } from '../../generated/prisma/client.js';
import type { TenantTransaction } from '../../platform/database/tenant-database.js';
import type { ApplicationSettings } from './application-rules.js';

export type ApplicationRow = Application;
export type ApplicationSecretRow = ApplicationSecret;

export interface ApplicationListFilter {
  q?: string | undefined;
  type?: TApplicationType | undefined;
}

/** The keyset position of a list: names repeat, so the id breaks ties. */
export interface ApplicationPosition {
  name: string;
  id: string;
}

/** An m2m application's API access as tokens use it: { resource identifier: granted permission names }. */
export type ApiAccessMap = Record<string, string[]>;

/** A secret as the OIDC provider needs it: still sealed (the service opens it). */
export interface SealedSecret {
  id: string;
  secretSealed: string;
  expiresAt: Date | null;
}

/**
 * `applications` is tenant-owned: every method takes the tenant and runs inside the caller's tenant
 * transaction (opened by the service, which audits in the same one), and still filters by tenant:
 * row-level security is the backstop.
 */
@Injectable()
export class ApplicationsRepository {
  /** Ordered by name, then id; `limit` rows after `after`. */
  list(
    tx: TenantTransaction,
    tenantId: string,
    filter: ApplicationListFilter,
    limit: number,
    after?: ApplicationPosition,
  ): Promise<ApplicationRow[]> {
    const contains = filter.q === undefined ? undefined : escapeLike(filter.q);
    return tx.application.findMany({
      where: {
        AND: [
          { tenantId },
          filter.type === undefined ? {} : { type: filter.type },
          contains === undefined
            ? {}
            : {
                OR: [
                  { name: { contains, mode: 'insensitive' } },
                  { clientId: { contains, mode: 'insensitive' } },
                ],
              },
          after === undefined
            ? {}
            : { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] },
        ],
      },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: limit,
    });
  }

  find(tx: TenantTransaction, tenantId: string, id: string): Promise<ApplicationRow | null> {
    return tx.application.findUnique({ where: { tenantId_id: { tenantId, id } } });
  }

  /**
   * The application, locked until the transaction ends: rotations (and changes of the
   * authentication method) of one application run one after the other.
   */
  async lock(tx: TenantTransaction, tenantId: string, id: string): Promise<ApplicationRow | null> {
    const rows = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM applications WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return rows.length === 1 ? this.find(tx, tenantId, id) : null;
  }

  /** Throws P2002 when the client id is taken (the unique index decides). */
  create(
    tx: TenantTransaction,
    tenantId: string,
    fields: {
      clientId: string;
      type: TApplicationType;
      settings: ApplicationSettings;
      /** For a client that registered itself (dynamic client registration). */
      registration?: TApplicationRegistration;
    },
  ): Promise<ApplicationRow> {
    return tx.application.create({
      data: {
        tenantId,
        clientId: fields.clientId,
        type: fields.type,
        ...columns(fields.settings),
        ...(fields.registration ? { registration: fields.registration as Prisma.InputJsonObject } : {}),
      },
    });
  }

  /** The application with this client id, locked until the transaction ends (see `lock`). */
  async lockClient(
    tx: TenantTransaction,
    tenantId: string,
    clientId: string,
  ): Promise<ApplicationRow | null> {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM applications WHERE tenant_id = ${tenantId}::uuid AND client_id = ${clientId} FOR UPDATE`;
    const id = rows[0]?.id;
    return id === undefined ? null : this.find(tx, tenantId, id);
  }

  /** `null` when the tenant has no such application. */
  async update(
    tx: TenantTransaction,
    tenantId: string,
    id: string,
    settings: ApplicationSettings,
    registration?: TApplicationRegistration,
  ): Promise<ApplicationRow | null> {
    const [row] = await tx.application.updateManyAndReturn({
      where: { tenantId, id },
      data: {
        ...columns(settings),
        ...(registration ? { registration: registration as Prisma.InputJsonObject } : {}),
      },
    });
    return row ?? null;
  }

  /** Its secrets go with it (ON DELETE CASCADE). */
  /** Every custom claim name any application of the tenant maps (the provider must know them all). */
  async customClaimNames(tx: TenantTransaction, tenantId: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ name: string }[]>`
      SELECT DISTINCT jsonb_object_keys(claim_mappings) AS name
        FROM applications WHERE tenant_id = ${tenantId}::uuid ORDER BY 1`;
    return rows.map((row) => row.name);
  }

  async delete(tx: TenantTransaction, tenantId: string, id: string): Promise<boolean> {
    return (await tx.application.deleteMany({ where: { tenantId, id } })).count === 1;
  }

  /**
   * The application with this client id, its secrets still valid at `now` (current first, then by
   * expiry, latest first) and its API access, in one statement: the OIDC provider asks on every
   * cache miss. The API access reads RBAC's `api_resources` and `permissions` for the identifiers
   * and names tokens carry (see ApplicationApiAccessRepository).
   */
  async findClient(
    tx: TenantTransaction,
    tenantId: string,
    clientId: string,
    now: Date,
  ): Promise<{ application: ApplicationRow; secrets: SealedSecret[]; apiAccess: ApiAccessMap } | null> {
    const [row] = await tx.$queryRaw<
      Array<ApplicationRow & { secrets: RawSecret[]; apiAccess: ApiAccessMap }>
    >`
      SELECT ${SELECT_LIST},
        COALESCE((
          SELECT json_agg(json_build_object('id', s.id, 'secretSealed', s.secret_sealed, 'expiresAt', s.expires_at)
                          ORDER BY s.expires_at DESC NULLS FIRST, s.created_at DESC, s.id)
            FROM application_secrets s
           WHERE s.tenant_id = a.tenant_id AND s.application_id = a.id
             AND (s.expires_at IS NULL OR s.expires_at > ${now.toISOString()}::timestamptz)
        ), '[]'::json) AS "secrets",
        COALESCE((
          SELECT json_object_agg(r.identifier, COALESCE((
                   SELECT json_agg(p.name ORDER BY p.name)
                     FROM application_api_access_permissions gp
                     JOIN permissions p ON p.tenant_id = gp.tenant_id AND p.id = gp.permission_id
                    WHERE gp.tenant_id = g.tenant_id AND gp.application_id = g.application_id
                      AND gp.api_resource_id = g.api_resource_id
                 ), '[]'::json) ORDER BY r.identifier)
            FROM application_api_access g
            JOIN api_resources r ON r.tenant_id = g.tenant_id AND r.id = g.api_resource_id
           WHERE g.tenant_id = a.tenant_id AND g.application_id = a.id
        ), '{}'::json) AS "apiAccess"
        FROM applications a
       WHERE a.tenant_id = ${tenantId}::uuid AND a.client_id = ${clientId}`;
    if (!row) return null;
    const { secrets, apiAccess, ...application } = row;
    return {
      application,
      apiAccess,
      secrets: secrets.map((s) => ({
        id: s.id,
        secretSealed: s.secretSealed,
        expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt),
      })),
    };
  }
}

interface RawSecret {
  id: string;
  secretSealed: string;
  expiresAt: string | null;
}

function columns(settings: ApplicationSettings) {
  return {
    ...settings,
    jwks: settings.jwks === null ? Prisma.DbNull : (settings.jwks as Prisma.InputJsonObject),
    claimMappings: settings.claimMappings as Prisma.InputJsonObject,
  };
}

/** A write hit a unique index: for applications, only (tenant_id, client_id) can collide. */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/** Prisma passes `%`, `_` and `\` through to LIKE as wildcards: `q=a_` must not match `ab`. */
const escapeLike = (q: string): string => q.replace(/[\\%_]/g, '\\$&');

/**
 * Every field of ApplicationRow under its Prisma name, so a raw row is an ApplicationRow. Typed as
 * a Record of every key: a column added to the model is a compile error here, not a missing field.
 */
const COLUMNS: Record<keyof ApplicationRow, string> = {
  tenantId: 'tenant_id',
  id: 'id',
  clientId: 'client_id',
  name: 'name',
  description: 'description',
  type: 'type',
  redirectUris: 'redirect_uris',
  postLogoutRedirectUris: 'post_logout_redirect_uris',
  allowedOrigins: 'allowed_origins',
  grantTypes: 'grant_types',
  tokenEndpointAuthMethod: 'token_endpoint_auth_method',
  jwks: 'jwks',
  backchannelLogoutUri: 'backchannel_logout_uri',
  clientUri: 'client_uri',
  logoUri: 'logo_uri',
  policyUri: 'policy_uri',
  tosUri: 'tos_uri',
  firstParty: 'first_party',
  accessTokenTtl: 'access_token_ttl',
  idTokenTtl: 'id_token_ttl',
  refreshTokenTtl: 'refresh_token_ttl',
  rotateRefreshTokens: 'rotate_refresh_tokens',
  claimMappings: 'claim_mappings',
  organizationUsage: 'organization_usage',
  managementAccess: 'management_access',
  registration: 'registration',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const SELECT_LIST = Prisma.raw(
  Object.entries(COLUMNS)
    .map(([field, column]) => `a."${column}" AS "${field}"`)
    .join(', '),
);
