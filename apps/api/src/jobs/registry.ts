import { purgeExpiredClientSecretsJob } from '../modules/applications/jobs/purge-expired-client-secrets.job.js';
import { purgeRateLimitCountersJob } from '../modules/authn/jobs/purge-rate-limit-counters.job.js';
import { probeJob } from '../modules/diagnostics/jobs/probe.job.js';
import { deliverEmailJob } from '../modules/email/jobs/deliver-email.job.js';
import { purgeEmailMessagesJob } from '../modules/email/jobs/purge-email-messages.job.js';
import { purgeDeletedUsersJob } from '../modules/identity/jobs/purge-deleted-users.job.js';
import { purgeExpiredOidcArtifactsJob } from '../modules/oidc/jobs/purge-expired-oidc-artifacts.job.js';
import { maintainSigningKeysJob } from '../modules/signing-keys/jobs/maintain-signing-keys.job.js';
import type { JobDefinition } from './job-definition.js';

/** Every job the worker can run. A definition missing here fails loudly in the worker. */
export const JOB_DEFINITIONS: readonly JobDefinition[] = [
  probeJob,
  purgeDeletedUsersJob,
  purgeExpiredClientSecretsJob,
  maintainSigningKeysJob,
  purgeExpiredOidcArtifactsJob,
  purgeRateLimitCountersJob,
  deliverEmailJob,
  purgeEmailMessagesJob,
];
