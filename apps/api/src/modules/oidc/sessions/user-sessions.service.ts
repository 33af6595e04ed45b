import type { TUserSessionList } from '@latchkey/contracts';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type Provider from 'oidc-provider';
import type { AdapterPayload } from 'oidc-provider';
import { TenantDatabase } from '../../../platform/database/tenant-database.js';
import type { Runtime } from '../../../platform/runtime/runtime.js';
import { RUNTIME } from '../../../platform/runtime/runtime.tokens.js';
import { AuditService } from '../../audit/audit.service.js';
import type { Actor } from '../../audit/audit.types.js';
import { UserLifecycle } from '../../identity/user-lifecycle.js';
import { UsersService } from '../../identity/users.service.js';
import { CustomDomainsService } from '../../tenancy/custom-domains.service.js';
import type { TenantRecord } from '../../tenancy/tenancy.repository.js';
import { OidcProviderRegistry } from '../oidc-provider.registry.js';
import { endSession } from './end-session.js';
import { sessionIssuer } from './session-issuer.js';
import { clientIdsOf, toUserSession } from './session-view.js';
import { sessionNotFound } from './user-sessions.errors.js';

/** oidc-provider's session uids (nanoid): anything else cannot name a session. */
const SESSION_UID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A user's SSO sessions for the management API: listed from the artifact store's index by
 * account, ended through the tenant's provider (see endSession). Also ends every session of a user
 * who is suspended, deleted or erased (UserLifecycle).
 *
 * Each session is ended through the provider of the issuer it was saved under (session-issuer.ts):
 * back-channel logout tokens name the issuer the applications signed in under, a custom domain's or
 * a subdomain's as well as the path prefix's (docs/users.md#sessions).
 */
@Injectable()
export class UserSessionsService implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly registry: OidcProviderRegistry,
    private readonly users: UsersService,
    private readonly lifecycle: UserLifecycle,
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly customDomains: CustomDomainsService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.lifecycle.onDeactivated(async (tenant, userId) => {
      try {
        const ended = await this.endAll(tenant, userId);
        if (ended.length)
          this.runtime.logger.info(
            { tenant: tenant.slug, userId, ended },
            'ended the sessions of a deactivated user',
          );
      } catch (err) {
        this.runtime.logger.error(
          { err, tenant: tenant.slug, userId },
          'could not end the sessions of a deactivated user',
        );
      }
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Most recently active first, with the name of each application signed in through them. */
  async list(tenant: TenantRecord, userId: string): Promise<TUserSessionList> {
    await this.users.get(tenant, userId);
    const stored = await this.registry.shortLivedStore().sessionsOf(tenant.id, userId);
    if (!stored.length) return { data: [] };
    const provider = await this.providerOf(tenant, undefined);
    const clientIds = [...new Set(stored.flatMap((session) => clientIdsOf(session.payload)))];
    const names = new Map(
      await Promise.all(clientIds.map(async (id) => [id, await clientName(provider, id)] as const)),
    );
    return { data: stored.map((session) => toUserSession(session, names)) };
  }

  async revoke(actor: Actor, tenant: TenantRecord, userId: string, sessionId: string): Promise<void> {
    await this.users.get(tenant, userId);
    if (!SESSION_UID.test(sessionId)) throw sessionNotFound();
    const stored = await this.registry.shortLivedStore().findByUid(tenant.id, 'Session', sessionId);
    if (stored?.accountId !== userId) throw sessionNotFound();
    const provider = await this.providerOf(tenant, stored);
    const session = await provider.Session.findByUid(sessionId);
    if (session?.accountId !== userId) throw sessionNotFound();
    await endSession(provider, session, this.runtime.logger);
    await this.record(actor, tenant, userId, [sessionId]);
  }

  /** Signs the user out everywhere; succeeds (and records nothing) when there is no session. */
  async revokeAll(actor: Actor, tenant: TenantRecord, userId: string): Promise<void> {
    await this.users.get(tenant, userId);
    const ended = await this.endAll(tenant, userId);
    if (ended.length) await this.record(actor, tenant, userId, ended);
  }

  /** The uids of the sessions it ended. */
  private async endAll(tenant: TenantRecord, userId: string): Promise<string[]> {
    const stored = await this.registry.shortLivedStore().sessionsOf(tenant.id, userId);
    if (!stored.length) return [];
    const ended = await Promise.all(
      stored.map(async ({ payload }) => {
        const provider = await this.providerOf(tenant, payload);
        // Read again through the provider: the one that ends it gets a verified, live session.
        const session = payload.jti ? await provider.Session.find(payload.jti) : undefined;
        if (session?.accountId !== userId) return undefined;
        await endSession(provider, session, this.runtime.logger);
        return session.uid;
      }),
    );
    return ended.filter((uid): uid is string => uid !== undefined);
  }

  private record(actor: Actor, tenant: TenantRecord, userId: string, sessionIds: string[]) {
    return this.db.run(tenant.id, (tx) =>
      this.audit.record(tx, tenant.id, actor, {
        action: 'user.sessions.revoke',
        targetType: 'user',
        targetId: userId,
        changes: { sessionIds },
      }),
    );
  }

  /** The provider of the issuer the stored session was saved under (the path prefix's without one). */
  private async providerOf(tenant: TenantRecord, stored: AdapterPayload | undefined): Promise<Provider> {
    const { publicUrl, tenantDomain } = this.runtime.config;
    const issuer = await sessionIssuer(tenant, stored, {
      publicUrl,
      tenantDomain,
      tenantForHost: (hostname) => this.customDomains.tenantForHost(hostname),
    });
    return this.registry.providerFor(tenant, issuer);
  }
}

async function clientName(provider: Provider, clientId: string): Promise<string | null> {
  const client = await provider.Client.find(clientId).catch(() => undefined);
  return client ? (client.clientName ?? clientId) : null;
}
