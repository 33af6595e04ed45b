import type {
  TApplication,
  TApplicationList,
  TCreateApplicationRequest,
  TCreatedApplication,
  TListApplicationsQuery,
  TUpdateApplicationRequest,
} from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { assertStorable } from '../../platform/database/storable.js';
import { TenantDatabase } from '../../platform/database/tenant-database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ChangeBus } from '../../platform/events/change-bus.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { isUuid } from '../../platform/http/ids.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { newClientId, newClientSecret, openClientSecret } from './application-credentials.js';
import { settingsOf, toApplication } from './application-dto.js';
import {
  ruleViolations,
  settingsForCreate,
  settingsForUpdate,
  usesClientSecret,
} from './application-rules.js';
import { ApplicationSecretsRepository } from './application-secrets.repository.js';
import { applicationNotFound, clientSecretRequired } from './applications.errors.js';
import {
  type ApplicationPosition,
  ApplicationsRepository,
  isUniqueViolation,
} from './applications.repository.js';
import { type OidcClientRecord, toOidcClientRecord } from './oidc-client-metadata.js';

export type { OidcClientRecord } from './oidc-client-metadata.js';

/** What a list cursor holds: the last application of the previous page. */
const ZApplicationCursor = z.object({ name: z.string().max(100), id: z.uuid() });

/** Anything else cannot be a client id of ours; it is not worth a query (and NUL would fail one). */
const PLAUSIBLE_CLIENT_ID = /^[\x21-\x7e]{1,255}$/;

/**
 * Applications: the tenant's OAuth clients. Every change is audited in its own transaction and
 * then published on the ChangeBus, so each replica's OIDC provider drops the client it cached.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly applications: ApplicationsRepository,
    private readonly secrets: ApplicationSecretsRepository,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    private readonly changes: ChangeBus,
  ) {}

  async list(tenant: TenantRecord, query: TListApplicationsQuery): Promise<TApplicationList> {
    assertStorable({ q: query.q });
    const after: ApplicationPosition | undefined =
      query.cursor === undefined ? undefined : decodeCursor(ZApplicationCursor, query.cursor);
    const filter = { q: query.q, type: query.type };
    const rows = await this.db.run(tenant.id, (tx) =>
      this.applications.list(tx, tenant.id, filter, query.limit + 1, after),
    );
    const shown = rows.slice(0, query.limit);
    const last = shown.at(-1);
    return {
      data: shown.map(toApplication),
      ...(rows.length > query.limit && last
        ? { nextCursor: encodeCursor({ name: last.name, id: last.id }) }
        : {}),
    };
  }

  async get(tenant: TenantRecord, id: string): Promise<TApplication> {
    const row = isUuid(id)
      ? await this.db.run(tenant.id, (tx) => this.applications.find(tx, tenant.id, id))
      : null;
    if (!row) throw applicationNotFound();
    return toApplication(row);
  }

  /** A confidential application using a client secret gets one; the response is its only appearance. */
  async create(
    actor: Actor,
    tenant: TenantRecord,
    request: TCreateApplicationRequest,
  ): Promise<TCreatedApplication> {
    assertStorable(request);
    const settings = settingsForCreate(request);
    const violations = ruleViolations(request.type, settings);
    if (violations.length > 0) throw AppError.validation(violations);

    // 143 random bits make a collision all but impossible; the unique index still has the last word.
    for (let attempt = 1; ; attempt++) {
      try {
        const { row, secret } = await this.db.run(tenant.id, async (tx) => {
          const created = await this.applications.create(tx, tenant.id, {
            clientId: newClientId(),
            type: request.type,
            settings,
          });
          const issued = usesClientSecret(settings.tokenEndpointAuthMethod)
            ? newClientSecret(this.box, tenant.id)
            : undefined;
          if (issued) await this.secrets.create(tx, tenant.id, created.id, issued);
          await this.audit.record(tx, tenant.id, actor, {
            action: 'application.create',
            targetType: 'application',
            targetId: created.id,
            // The request holds no secret (secrets are generated here), so it is recorded as sent.
            changes: { clientId: created.clientId, ...definedFields(request) },
          });
          return { row: created, secret: issued?.secret ?? null };
        });
        await this.changed(tenant.id);
        return { ...toApplication(row), clientSecret: secret };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  async update(
    actor: Actor,
    tenant: TenantRecord,
    id: string,
    request: TUpdateApplicationRequest,
  ): Promise<TApplication> {
    if (!isUuid(id)) throw applicationNotFound();
    assertStorable(request);
    const row = await this.db.run(tenant.id, async (tx) => {
      // Locked: the rules check the whole application, so a concurrent change must not slip in between.
      const current = await this.applications.lock(tx, tenant.id, id);
      if (!current) throw applicationNotFound();
      const before = settingsOf(current);
      const settings = settingsForUpdate(before, request);
      const violations = ruleViolations(current.type, settings);
      if (violations.length > 0) throw AppError.validation(violations);
      const method = settings.tokenEndpointAuthMethod;
      if (usesClientSecret(method) && !usesClientSecret(before.tokenEndpointAuthMethod)) {
        const valid = await this.secrets.listValid(tx, tenant.id, id, new Date());
        if (valid.length === 0) throw clientSecretRequired();
      }
      const updated = await this.applications.update(tx, tenant.id, id, settings);
      if (!updated) throw applicationNotFound();
      await this.audit.record(tx, tenant.id, actor, {
        action: 'application.update',
        targetType: 'application',
        targetId: id,
        changes: definedFields(request),
      });
      return updated;
    });
    await this.changed(tenant.id);
    return toApplication(row);
  }

  /** Its secrets go with it; the OIDC provider stops knowing the client at once. */
  async delete(actor: Actor, tenant: TenantRecord, id: string): Promise<void> {
    if (!isUuid(id)) throw applicationNotFound();
    await this.db.run(tenant.id, async (tx) => {
      const found = await this.applications.find(tx, tenant.id, id);
      if (!found || !(await this.applications.delete(tx, tenant.id, id))) throw applicationNotFound();
      await this.audit.record(tx, tenant.id, actor, {
        action: 'application.delete',
        targetType: 'application',
        targetId: id,
        changes: { clientId: found.clientId, name: found.name, type: found.type },
      });
    });
    await this.changed(tenant.id);
  }

  /** oidc-provider client metadata for a client of this tenant, or undefined. */
  /** The custom claim names of all the tenant's applications (see claimMappings). */
  customClaimNames(tenantId: string): Promise<string[]> {
    return this.db.run(tenantId, (tx) => this.applications.customClaimNames(tx, tenantId));
  }

  async clientMetadata(tenantId: string, clientId: string): Promise<OidcClientRecord | undefined> {
    if (!isUuid(tenantId) || !PLAUSIBLE_CLIENT_ID.test(clientId)) return undefined;
    const found = await this.db.run(tenantId, (tx) =>
      this.applications.findClient(tx, tenantId, clientId, new Date()),
    );
    if (!found) return undefined;
    const { application, secrets } = found;
    // Opened only when the client authenticates with them; a failure to open is loud (wrong master key).
    const opened = usesClientSecret(application.tokenEndpointAuthMethod)
      ? secrets.map((s) => ({ secret: openClientSecret(this.box, tenantId, s), expiresAt: s.expiresAt }))
      : [];
    return toOidcClientRecord(application, opened);
  }

  /** Tells every replica's OIDC provider to drop what it cached of this tenant's clients. */
  private changed(tenantId: string): Promise<void> {
    return this.changes.publish({ tenantId, what: 'applications' });
  }
}

const definedFields = (body: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
