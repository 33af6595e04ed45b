import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { INTERNAL_PROBLEM, toAppError, toProblem } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Writes any error as RFC 9457 problem+json. Client mistakes are not logged here (the access log
 * line records them); our own failures are logged once at error level with the stack, and the
 * client sees only the request id.
 */
export function sendProblem(
  error: unknown,
  req: IncomingMessage & { originalUrl?: string },
  res: ServerResponse,
  logger: Logger,
): void {
  const requestId = typeof req.id === 'string' ? req.id : undefined;
  const instance = (req.originalUrl ?? req.url ?? '/').split('?')[0] || '/';
  const appError = toAppError(error);
  const problem = appError ? toProblem(appError, requestId, instance) : INTERNAL_PROBLEM(requestId, instance);
  if (!appError) logger.error({ err: error, requestId }, 'unhandled error');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Bare Node calls: Express's response and the fast path's (oidc-fast-path.ts) answer alike.
  for (const [name, value] of Object.entries(appError?.headers ?? {})) res.setHeader(name, value);
  const body = JSON.stringify(problem);
  res.statusCode = problem.status;
  res.setHeader('content-type', PROBLEM_CONTENT_TYPE);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
