import { randomBytes } from 'node:crypto';
import {
  type TApplication,
  type TCreatedApplication,
  type TRotatedApplicationSecret,
  ZApplication,
  ZCreatedApplication,
  ZRotatedApplicationSecret,
} from '@latchkey/contracts';
import pino from 'pino';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { ApplicationSecretsRepository } from '../../src/modules/applications/application-secrets.repository.js';
import { ApplicationsRepository } from '../../src/modules/applications/applications.repository.js';
import { ApplicationsService } from '../../src/modules/applications/applications.service.js';
import { InitialAccessTokensRepository } from '../../src/modules/applications/initial-access-tokens.repository.js';
import { AuditRepository } from '../../src/modules/audit/audit.repository.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { TenantDatabase } from '../../src/platform/database/tenant-database.js';
import { ChangeBus } from '../../src/platform/events/change-bus.js';
import type { ManagementFixture } from './management.js';
import { ok } from './organizations.js';

/** A master key for a suite: give it to the server (LATCHKEY_MASTER_KEY) and to `applicationsService`. */
export const newMasterKey = (): string => randomBytes(32).toString('base64');

/**
 * The ApplicationsService the OIDC provider calls, on the suite's database, in the test process:
 * what a server with the same master key would answer, without an OIDC endpoint in between.
 */
export function applicationsService(prisma: PrismaClient, masterKey: string): ApplicationsService {
  return new ApplicationsService(
    new TenantDatabase(prisma),
    new ApplicationsRepository(),
    new ApplicationSecretsRepository(),
    new AuditService(new AuditRepository()),
    new SecretBox(Buffer.from(masterKey, 'base64')),
    ChangeBus.inProcess(pino({ level: 'silent' })),
    new InitialAccessTokensRepository(),
  );
}

/** The applications API of a new tenant, with helpers that assert success and parse the contract's shapes. */
export async function applicationsOfNewTenant(fixture: ManagementFixture, slug: string) {
  const { id: tenantId, client } = await fixture.tenantWithClient(slug);
  const base = `/api/v1/tenants/${slug}`;
  const request = (method: string, path: string, body?: unknown) =>
    client.request(method, `${base}${path}`, body);
  return {
    tenantId,
    request,
    create: async (body: Record<string, unknown>): Promise<TCreatedApplication> =>
      ZCreatedApplication.parse(ok(await request('POST', '/applications', body), 201)),
    get: async (id: string): Promise<TApplication> =>
      ZApplication.parse(ok(await request('GET', `/applications/${id}`), 200)),
    rotate: async (id: string, body: Record<string, unknown> = {}): Promise<TRotatedApplicationSecret> =>
      ZRotatedApplicationSecret.parse(
        ok(await request('POST', `/applications/${id}/secrets/rotate`, body), 200),
      ),
  };
}
