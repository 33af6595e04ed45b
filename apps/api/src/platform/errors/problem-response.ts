import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { INTERNAL_PROBLEM, toAppError, toProblem } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Writes any error as RFC 9457 problem+json. Client mistakes are not logged here (the access log
 * line records them); our own failures are logged once at error level with the stack, and the
 * client sees only the request id.
 */
export function sendProblem(error: unknown, req: Request, res: Response, logger: Logger): void {
  const requestId = typeof req.id === 'string' ? req.id : undefined;
  const instance = req.originalUrl.split('?')[0] ?? '/';
  const appError = toAppError(error);
  const problem = appError ? toProblem(appError, requestId, instance) : INTERNAL_PROBLEM(requestId, instance);
  if (!appError) logger.error({ err: error, requestId }, 'unhandled error');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (appError?.headers) res.set(appError.headers);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
