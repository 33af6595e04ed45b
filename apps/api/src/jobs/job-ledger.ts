import type { PrismaClient } from '../generated/prisma/client.js';

export interface LedgerKey {
  tenantId: string;
  queue: string;
  jobId: string;
}

export interface LedgerEntry {
  workerPid: number;
  completedAt: Date;
  result: unknown;
}

/**
 * The record of jobs that ran to completion, keyed by (tenant, queue, job id). BullMQ delivers at
 * least once (a stalled job is retried); the ledger turns a second delivery of a completed job
 * into a no-op that returns the first result.
 */
export class JobLedger {
  constructor(private readonly prisma: PrismaClient) {}

  async find(key: LedgerKey): Promise<LedgerEntry | undefined> {
    const row = await this.prisma.jobExecution.findUnique({
      where: { tenantId_queue_jobId: key },
      select: { workerPid: true, completedAt: true, result: true },
    });
    return row ?? undefined;
  }

  /** Records completion; `false` when another delivery recorded it first. */
  async record(
    key: LedgerKey,
    entry: { jobName: string; jobVersion: number; startedAt: Date; result: unknown },
  ): Promise<boolean> {
    const inserted = await this.prisma.jobExecution.createMany({
      data: [
        {
          ...key,
          jobName: entry.jobName,
          jobVersion: entry.jobVersion,
          workerPid: process.pid,
          startedAt: entry.startedAt,
          completedAt: new Date(),
          result: entry.result === undefined ? undefined : (entry.result as object),
        },
      ],
      skipDuplicates: true,
    });
    return inserted.count === 1;
  }
}
