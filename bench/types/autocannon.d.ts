/**
 * The part of autocannon 9's programmatic API the harness uses. Hand-written because
 * @types/autocannon stops at 7.x and its shapes differ from 9 in places (warm-up, result fields).
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
      headers?: Record<string, string>;
      body?: string | Buffer;
      connections?: number;
      pipelining?: number;
      /** Seconds of measured load. */
      duration?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      /** A separate, unmeasured run first; its events go to another tracker than the one returned. */
      warmup?: { connections?: number; duration?: number };
      /** The sequence every connection repeats; fields left out come from the options above. */
      requests?: Request[];
    }

    /** One request as autocannon builds it; `path` includes the query string. */
    interface RequestParams {
      method?: Options['method'];
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }

    interface Request extends RequestParams {
      /** Called before every send of this request; returns the request to send. */
      setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams;
    }

    interface Histogram {
      mean: number;
      min: number;
      max: number;
      total?: number;
    }

    interface Result {
      /** Seconds the measured phase really lasted. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      resets: number;
      statusCodeStats: Record<string, { count: number }>;
      requests: Histogram & { sent: number };
      latency: Histogram;
    }

    interface Instance extends EventEmitter, PromiseLike<Result> {
      /** Ends the run early; the promise still resolves with what was measured. */
      stop(): void;
      on(
        event: 'response',
        listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void,
      ): this;
      on(event: 'reqError', listener: (error: Error) => void): this;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
