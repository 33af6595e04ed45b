import type { TBackendKind, THealthResponse, TReadinessCheck, TReadinessResponse } from '@latchkey/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Runtime } from '../../platform/runtime/runtime.js';
import { RUNTIME } from '../../platform/runtime/runtime.tokens.js';

/** Readiness must answer quickly even when a dependency hangs: each probe gets this long. */
export const PROBE_TIMEOUT_MS = 1000;

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  health(): THealthResponse {
    return {
      status: 'ok',
      version: this.runtime.config.version,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  async readiness(): Promise<TReadinessResponse> {
    const { prisma, jobs, redisProbe, config } = this.runtime;
    const databaseKind: TBackendKind = config.embeddedDatabase ? 'embedded-postgres' : 'postgres';
    const probes: Array<Promise<TReadinessCheck>> = [
      probe('database', databaseKind, () => prisma.$queryRaw`SELECT 1`),
      probe('jobs', jobs.backendKind, () => jobs.ping()),
    ];
    if (redisProbe) probes.push(probe('redis', 'redis', () => redisProbe.ping()));
    const checks = await Promise.all(probes);
    return { status: checks.every((c) => c.status === 'up') ? 'ready' : 'not_ready', checks };
  }
}

async function probe(
  name: TReadinessCheck['name'],
  backend: TBackendKind,
  check: () => Promise<unknown>,
): Promise<TReadinessCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return { name, backend, status: 'up', latencyMs: elapsed(started) };
  } catch (error) {
    return { name, backend, status: 'down', latencyMs: elapsed(started), error: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

const elapsed = (since: number) => Math.round((performance.now() - since) * 10) / 10;

/** A short reason without connection strings (which may carry credentials). */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\b[a-z]+:\/\/[^\s]+/gi, '[url]').slice(0, 200);
}
