import {
  type TCreateJobProbeRequest,
  type THealthResponse,
  type TJobProbeResponse,
  type TReadinessResponse,
  ZHealthResponse,
  ZJobProbeResponse,
  ZReadinessResponse,
} from '@latchkey/contracts';
import { type LatchkeyClientOptions, send } from './http.js';
import { managementCaller } from './management.js';

/** Typed client for Latchkey's HTTP API; every shape comes from `@latchkey/contracts`. */
export function createLatchkeyClient(options: LatchkeyClientOptions) {
  return {
    /** Any management route, typed by its contract: `client.call(userRoutes.getUser, { params })`. */
    call: managementCaller(options),

    /** Liveness: the process serves HTTP. */
    health: (): Promise<THealthResponse> =>
      send(options, { method: 'GET', path: '/healthz', response: ZHealthResponse }),

    /** Readiness: each dependency's state; resolves on 503 too, with `status: 'not_ready'`. */
    readiness: (): Promise<TReadinessResponse> =>
      send(options, { method: 'GET', path: '/readyz', response: ZReadinessResponse, acceptStatuses: [503] }),

    diagnostics: {
      createJobProbe: (body: Partial<TCreateJobProbeRequest> = {}): Promise<TJobProbeResponse> =>
        send(options, {
          method: 'POST',
          path: '/api/v1/diagnostics/job-probes',
          body,
          response: ZJobProbeResponse,
        }),
      getJobProbe: (probeId: string): Promise<TJobProbeResponse> =>
        send(options, {
          method: 'GET',
          path: `/api/v1/diagnostics/job-probes/${encodeURIComponent(probeId)}`,
          response: ZJobProbeResponse,
        }),
    },
  };
}

export type LatchkeyClient = ReturnType<typeof createLatchkeyClient>;
