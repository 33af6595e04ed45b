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
import {
  newClientId,
  newClientSecret,
  openClientSecret,
  sealClientSecret,
} from './application-credentials.js';
import { registrationOf, settingsOf, toApplication } from './application-dto.js';
import {
  ruleViolations,
  settingsForCreate,
  settingsForUpdate,
  usesClientSecret,
} from './application-rules.js';
import { ApplicationSecretsRepository } from './application-secrets.repository.js';
import {
  applicationNotFound,
  clientSecretRequired,
  initialAccessTokenUnusable,
} from './applications.errors.js';
import {
  type ApplicationPosition,
  ApplicationsRepository,
  isUniqueViolation,
} from './applications.repository.js';
import { initialAccessTokenHash, initialAccessTokenStatus } from './initial-access-token.js';
import { InitialAccessTokensRepository } from './initial-access-tokens.repository.js';
import { type OidcClientRecord, toOidcClientRecord } from './oidc-client-metadata.js';
import {
  describedRegistration,
  parseRegisteredClient,
  registeredClientSettings,
} from './registered-clients.js';

export type { OidcClientRecord } from './oidc-client-metadata.js';

/** A client registering itself through the OIDC provider's registration endpoint. */
export interface RegisterClientInput {
  /** Chosen by the registration endpoint. */
  clientId: string;
  /** Issued by the registration endpoint to a client that authenticates with a secret. */
  clientSecret?: string | undefined;
  /** Its description in the management API's field names (see ZRegisteredClient); validated here. */
  client: unknown;
  /** The initial access token it presented, when the tenant asks for one. */
  initialAccessToken?: string | undefined;
  /** Sees the client as the OIDC provider will serve it; throwing refuses the registration. */
  verify?: (record: OidcClientRecord) => void;
}

/** An initial access token the registration endpoint may accept: when it was issued, and until when. */
export interface UsableInitialAccessToken {
  id: string;
  createdAt: Date;
  expiresAt: Date | null;
}

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
    private readonly initialAccessTokens: InitialAccessTokensRepository,
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
      if (settings.managementAccess && registrationOf(current)) {
        violations.push({
          path: 'managementAccess',
          message: 'must be false: this client registered itself (dynamic client registration)',
          code: 'invalid_value',
        });
      }
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
    const { application, secrets, apiAccess } = found;
    // Opened only when the client authenticates with them; a failure to open is loud (wrong master key).
    const opened = usesClientSecret(application.tokenEndpointAuthMethod)
      ? secrets.map((s) => ({ secret: openClientSecret(this.box, tenantId, s), expiresAt: s.expiresAt }))
      : [];
    return toOidcClientRecord(application, opened, apiAccess);
  }

  /**
   * A client registering itself (RFC 7591): the contract's field checks and the type's rules as on
   * `create`, as a third-party application without management access. Its secret (chosen by the
   * registration endpoint) is stored sealed; a presented initial access token counts one use in the
   * same transaction (an unusable one is `initialAccessTokenUnusable`). `verify` sees the client as
   * the OIDC provider will serve it and may refuse it, which undoes everything.
   */
  async registerClient(
    actor: Actor,
    tenant: TenantRecord,
    input: RegisterClientInput,
  ): Promise<TApplication> {
    const client = parseRegisteredClient(input.client);
    assertStorable(client);
    const settings = registeredClientSettings(client);
    const violations = ruleViolations(client.type, settings);
    if (violations.length > 0) throw AppError.validation(violations);
    const secret = usesClientSecret(settings.tokenEndpointAuthMethod) ? input.clientSecret : undefined;
    if (usesClientSecret(settings.tokenEndpointAuthMethod) && !secret)
      throw new Error('no client secret issued');

    const row = await this.db.run(tenant.id, async (tx) => {
      let tokenId: string | null = null;
      if (input.initialAccessToken !== undefined) {
        const tokenHash = initialAccessTokenHash(input.initialAccessToken);
        const used = tokenHash && (await this.initialAccessTokens.use(tx, tenant.id, tokenHash, new Date()));
        if (!used) throw initialAccessTokenUnusable();
        tokenId = used.id;
      }
      const registration = describedRegistration(client, tokenId);
      const created = await this.applications.create(tx, tenant.id, {
        clientId: input.clientId,
        type: client.type,
        settings,
        registration,
      });
      if (secret)
        await this.secrets.create(tx, tenant.id, created.id, sealClientSecret(this.box, tenant.id, secret));
      await this.audit.record(tx, tenant.id, actor, {
        action: 'application.register',
        targetType: 'application',
        targetId: created.id,
        changes: {
          clientId: created.clientId,
          initialAccessTokenId: tokenId,
          ...definedFields(client),
        },
      });
      input.verify?.(toOidcClientRecord(created, secret ? [{ secret, expiresAt: null }] : []));
      return created;
    });
    await this.changed(tenant.id);
    return toApplication(row);
  }

  /**
   * A registered client replacing its description (RFC 7592 update): same checks; the type stays
   * (a change of kind is refused on `type`) and so do its secrets and what admins set.
   */
  async updateRegisteredClient(
    actor: Actor,
    tenant: TenantRecord,
    clientId: string,
    input: Pick<RegisterClientInput, 'client' | 'verify'>,
  ): Promise<TApplication> {
    const client = parseRegisteredClient(input.client);
    assertStorable(client);
    const row = await this.db.run(tenant.id, async (tx) => {
      const current = await this.applications.lockClient(tx, tenant.id, clientId);
      const registration = current && registrationOf(current);
      if (!current || !registration) throw applicationNotFound();
      if (client.type !== current.type) {
        throw AppError.validation([
          { path: 'type', message: `cannot change: this client is ${current.type}`, code: 'invalid_value' },
        ]);
      }
      const settings = registeredClientSettings(client, settingsOf(current));
      const violations = ruleViolations(current.type, settings);
      if (violations.length > 0) throw AppError.validation(violations);
      const described = describedRegistration(client, registration.initialAccessTokenId);
      const updated = await this.applications.update(tx, tenant.id, current.id, settings, described);
      if (!updated) throw applicationNotFound();
      await this.audit.record(tx, tenant.id, actor, {
        action: 'application.registration.update',
        targetType: 'application',
        targetId: current.id,
        changes: definedFields(client),
      });
      if (input.verify) {
        const found = await this.applications.findClient(tx, tenant.id, clientId, new Date());
        const opened = (found?.secrets ?? []).map((s) => ({
          secret: openClientSecret(this.box, tenant.id, s),
          expiresAt: s.expiresAt,
        }));
        input.verify(toOidcClientRecord(updated, opened, found?.apiAccess));
      }
      return updated;
    });
    await this.changed(tenant.id);
    return toApplication(row);
  }

  /** A registered client deleting itself (RFC 7592); only clients that registered themselves can. */
  async deleteRegisteredClient(actor: Actor, tenant: TenantRecord, clientId: string): Promise<void> {
    await this.db.run(tenant.id, async (tx) => {
      const current = await this.applications.lockClient(tx, tenant.id, clientId);
      if (!current || !registrationOf(current)) throw applicationNotFound();
      await this.applications.delete(tx, tenant.id, current.id);
      await this.audit.record(tx, tenant.id, actor, {
        action: 'application.registration.delete',
        targetType: 'application',
        targetId: current.id,
        changes: { clientId: current.clientId, name: current.name, type: current.type },
      });
    });
    await this.changed(tenant.id);
  }

  /** The initial access token behind a presented value if it may register a client now. */
  async initialAccessToken(
    tenantId: string,
    presented: string,
  ): Promise<UsableInitialAccessToken | undefined> {
    const tokenHash = initialAccessTokenHash(presented);
    if (!tokenHash || !isUuid(tenantId)) return undefined;
    const row = await this.db.run(tenantId, (tx) =>
      this.initialAccessTokens.findByHash(tx, tenantId, tokenHash),
    );
    if (!row || initialAccessTokenStatus(row, new Date()) !== 'active') return undefined;
    return { id: row.id, createdAt: row.createdAt, expiresAt: row.expiresAt };
  }

  /** Tells every replica's OIDC provider to drop what it cached of this tenant's clients. */
  private changed(tenantId: string): Promise<void> {
    return this.changes.publish({ tenantId, what: 'applications' });
  }
}

const definedFields = (body: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
