import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { ApplicationSecretsRepository } from '../../src/modules/applications/application-secrets.repository.js';
import { ApplicationSecretsService } from '../../src/modules/applications/application-secrets.service.js';
import { ApplicationsRepository } from '../../src/modules/applications/applications.repository.js';
import { ApplicationsService } from '../../src/modules/applications/applications.service.js';
import { InitialAccessTokensRepository } from '../../src/modules/applications/initial-access-tokens.repository.js';
import { purgeExpiredClientSecretsJob } from '../../src/modules/applications/jobs/purge-expired-client-secrets.job.js';
import { AuditRepository } from '../../src/modules/audit/audit.repository.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { systemActor } from '../../src/modules/audit/audit.types.js';
import type { TenantRecord } from '../../src/modules/tenancy/tenancy.repository.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { TenantDatabase } from '../../src/platform/database/tenant-database.js';
import { ChangeBus } from '../../src/platform/events/change-bus.js';
import { newMasterKey } from '../support/applications.js';
import { createMigratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';

let db: MigratedDatabase;
let prisma: PrismaClient;
let applications: ApplicationsService;
let secrets: ApplicationSecretsService;
let changes: ChangeBus;
let box: SecretBox;
let a: TenantRecord;
let b: TenantRecord;

beforeAll(async () => {
  db = await createMigratedDatabase('app_secrets');
  prisma = db.prisma;
  const tenants = new TenantDatabase(prisma);
  const audit = new AuditService(new AuditRepository());
  box = new SecretBox(Buffer.from(newMasterKey(), 'base64'));
  changes = ChangeBus.inProcess(pino({ level: 'silent' }));
  const apps = new ApplicationsRepository();
  const rows = new ApplicationSecretsRepository();
  const tokens = new InitialAccessTokensRepository();
  applications = new ApplicationsService(tenants, apps, rows, audit, box, changes, tokens);
  secrets = new ApplicationSecretsService(tenants, apps, rows, audit, box, changes);
  a = await prisma.tenant.create({ data: { slug: 'tenant-a', displayName: 'A' } });
  b = await prisma.tenant.create({ data: { slug: 'tenant-b', displayName: 'B' } });
});

afterAll(async () => {
  await db?.drop();
});

const m2m = (tenant: TenantRecord, name: string) =>
  applications.create(systemActor(tenant.id, 'test'), tenant, { name, type: 'm2m' });

describe('client secrets behind the service', () => {
  it('clientMetadata sees only its own tenant, and answers undefined for what cannot be a client', async () => {
    const app = await m2m(a, 'Exporter');
    expect((await applications.clientMetadata(a.id, app.clientId))?.secrets).toEqual([app.clientSecret]);
    expect(await applications.clientMetadata(b.id, app.clientId)).toBeUndefined();
    for (const clientId of ['', 'a\u0000b', 'x'.repeat(300), 'with space']) {
      expect(await applications.clientMetadata(a.id, clientId)).toBeUndefined();
    }
    expect(await applications.clientMetadata('not-a-tenant', app.clientId)).toBeUndefined();
  });

  it('publishes a change for every mutation, so providers drop the cached client', async () => {
    const heard: string[] = [];
    const stop = changes.subscribe((change) => heard.push(`${change.tenantId}:${change.what}`));
    const app = await m2m(a, 'Notifier');
    const actor = systemActor(a.id, 'test');
    await applications.update(actor, a, app.id, { name: 'Renamed' });
    await secrets.rotate(actor, a, app.id, { overlapSeconds: 60 });
    await applications.delete(actor, a, app.id);
    stop();
    expect(heard).toEqual(Array(4).fill(`${a.id}:applications`));
  });

  it('the daily job deletes expired secrets of every tenant, and only those', async () => {
    const inA = await m2m(a, 'Rotated in A');
    const inB = await m2m(b, 'Rotated in B');
    for (const [tenant, app] of [
      [a, inA],
      [b, inB],
    ] as const) {
      await secrets.rotate(systemActor(tenant.id, 'test'), tenant, app.id, { overlapSeconds: 3600 });
    }
    // The overlap of A's previous secret has passed; B's is still running.
    await prisma.applicationSecret.updateMany({
      where: { applicationId: inA.id, expiresAt: { not: null } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const result = await purgeExpiredClientSecretsJob.handler(
      { tenantId: a.id },
      {
        jobId: 'test',
        attempt: 1,
        logger: pino({ level: 'silent' }),
        deps: { prisma, tenants: new TenantDatabase(prisma), secrets: box, changes },
      },
    );
    expect(result.purged).toBe(1);
    expect(await prisma.applicationSecret.count({ where: { applicationId: inA.id } })).toBe(1);
    expect(await prisma.applicationSecret.count({ where: { applicationId: inB.id } })).toBe(2);
    expect((await applications.clientMetadata(b.id, inB.clientId))?.secrets).toHaveLength(2);
  });
});
