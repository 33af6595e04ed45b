import { randomUUID } from 'node:crypto';
import type { TCreateJobProbeRequest, TJobProbeResponse } from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobEnvelope } from '../../jobs/job-runner.js';
import type { JobsService } from '../../jobs/jobs.service.js';
import { AppError } from '../../platform/errors/app-error.js';
import { JOBS } from '../../platform/runtime/runtime.tokens.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { probeJob } from './jobs/probe.job.js';

/** BullMQ's many job states, folded into the few a probe reports. */
function probeState(state: string): TJobProbeResponse['state'] {
  switch (state) {
    case 'waiting':
    case 'delayed':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    case 'active':
    case 'completed':
    case 'failed':
      return state;
    default:
      return 'unknown';
  }
}

const jobIdOf = (probeId: string) => `probe-${probeId}`;

@Injectable()
export class DiagnosticsService {
  constructor(
    @Inject(JOBS) private readonly jobs: JobsService,
    private readonly tenancy: TenancyService,
  ) {}

  async createProbe(request: TCreateJobProbeRequest): Promise<TJobProbeResponse> {
    const system = await this.tenancy.systemTenant();
    const probeId = request.probeId ?? randomUUID();
    const job = await this.jobs.enqueue(
      probeJob,
      { tenantId: system.id, workMs: request.workMs },
      { jobId: jobIdOf(probeId) },
    );
    return this.describe(probeId, system.id, job);
  }

  async getProbe(probeId: string): Promise<TJobProbeResponse> {
    const system = await this.tenancy.systemTenant();
    const job = await this.jobs.find(probeJob, jobIdOf(probeId));
    if (!job) throw AppError.notFound('No job probe with this id (finished probes are kept for a day).');
    return this.describe(probeId, system.id, job);
  }

  /** The queue's view (state, attempts) joined with the ledger's (who completed it, when). */
  private async describe(
    probeId: string,
    tenantId: string,
    job: Job<JobEnvelope>,
  ): Promise<TJobProbeResponse> {
    const state = await job.getState();
    // Re-read the job after its state: the job object may predate the completion, and a completed
    // probe reported with the attempt count of its waiting days would read as "never attempted".
    const [current, completion] = await Promise.all([
      this.jobs.find(probeJob, jobIdOf(probeId)),
      this.jobs.completion(probeJob, tenantId, jobIdOf(probeId)),
    ]);
    return {
      probeId,
      state: probeState(state),
      executions: completion ? 1 : 0,
      attempts: (current ?? job).attemptsMade,
      workerPid: completion?.workerPid ?? null,
      completedAt: completion?.completedAt.toISOString() ?? null,
    };
  }
}
