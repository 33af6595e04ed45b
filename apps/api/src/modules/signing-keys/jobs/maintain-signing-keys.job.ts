import { defineJob, ZJobPayloadBase } from '../../../jobs/job-definition.js';
import { AuditRepository } from '../../audit/audit.repository.js';
import { AuditService } from '../../audit/audit.service.js';
import { systemActor } from '../../audit/audit.types.js';
import { readTenantSettings } from '../../tenancy/tenant-settings.js';
import { SigningKeysRepository } from '../signing-keys.repository.js';
import { SigningKeysService } from '../signing-keys.service.js';

/**
 * Daily, for every tenant (settings.signingKeys): rotates once the active key has signed for
 * `rotationDays` — the new next key of `algorithm` —, deletes retired keys whose tokens have all
 * expired, and provisions keys for a tenant that has none. Each tenant is its own transaction; a
 * tenant that fails does not stop the others, and the job then fails to be retried (a rerun only
 * does what is still due, so it is safe). Rotations are audited as `signing-key.rotate`, deletions
 * as `signing-key.purge`.
 */
export const maintainSigningKeysJob = defineJob({
  name: 'signing-keys.maintain',
  version: 1,
  queue: 'system',
  payload: ZJobPayloadBase,
  attempts: 3,
  schedule: { everyMs: 24 * 60 * 60 * 1000 },
  handler: async (_payload, { deps, logger, jobId }) => {
    const service = new SigningKeysService(
      deps.tenants,
      new SigningKeysRepository(),
      deps.secrets,
      deps.changes,
      new AuditService(new AuditRepository()),
    );
    const tenants = await deps.prisma.tenant.findMany({ select: { id: true, slug: true, settings: true } });
    let rotated = 0;
    let deleted = 0;
    const failed: string[] = [];
    for (const tenant of tenants) {
      try {
        const policy = readTenantSettings(tenant.settings).signingKeys;
        const outcome = await service.maintain(systemActor(tenant.id, `job:${jobId}`), tenant.id, policy);
        if (outcome.rotated) rotated += 1;
        deleted += outcome.deleted.length;
        if (outcome.provisioned || outcome.rotated || outcome.deleted.length > 0) {
          logger.info({ tenant: tenant.slug, ...outcome }, 'signing keys maintained');
        }
      } catch (err) {
        failed.push(tenant.slug);
        logger.error({ err, tenant: tenant.slug }, 'signing key maintenance failed for a tenant');
      }
    }
    if (failed.length > 0) throw new Error(`signing key maintenance failed for: ${failed.join(', ')}`);
    return { tenants: tenants.length, rotated, deleted };
  },
});
