import { type TProblem, ZProblem } from '@latchkey/contracts';
import type { z } from 'zod';

export interface LatchkeyClientOptions {
  /** Where Latchkey is served, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** Sent as a bearer token on management calls. */
  apiKey?: string;
  /** A custom fetch (tests, proxies); defaults to the global one. */
  fetch?: typeof fetch;
}

/** A non-2xx answer, carrying the RFC 9457 problem the server sent (or one built from the status). */
export class LatchkeyApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: TProblem,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'LatchkeyApiError';
  }
}

export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  /** `null` for an empty (204) answer. */
  response: z.ZodType<T> | null;
  /** Statuses besides 2xx whose body still matches `response` (e.g. 503 from /readyz). */
  acceptStatuses?: number[];
}

export async function send<T>(options: LatchkeyClientOptions, spec: RequestSpec<T>): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const res = await doFetch(new URL(spec.path, options.baseUrl), {
    method: spec.method,
    headers,
    body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
  });
  const payload: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (res.ok || spec.acceptStatuses?.includes(res.status)) {
    return spec.response ? spec.response.parse(payload) : (undefined as T);
  }
  throw new LatchkeyApiError(res.status, toProblem(res, payload));
}

function toProblem(res: Response, payload: unknown): TProblem {
  const parsed = ZProblem.safeParse(payload);
  if (parsed.success) return parsed.data;
  return { type: 'about:blank', title: res.statusText || 'Request failed', status: res.status };
}
