import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { accessLevel, requestIdFor } from './logger.js';
import { redactUrl } from './redaction.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id (see requestIdFor), set by the access log before any route runs. */
    id?: string;
  }
}

/**
 * Express middleware: the request id (echoed in `x-request-id`, kept on `req.id` for problems and
 * audit events) and one access line per request, except the liveness probe's. Replaces pino-http,
 * whose per-request child logger cost more than the line it wrote.
 */
export function accessLog(logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const id = requestIdFor(req, res);
    req.id = id;
    if (req.url !== '/healthz') logAccess(logger, req, res, id);
    next();
  };
}

/**
 * One access line (request id, method, redacted URL, client address and agent; status; time), at
 * info, or error for a 5xx. Nothing is built unless the line's level is enabled.
 */
export function logAccess(logger: Logger, req: IncomingMessage, res: ServerResponse, id: string): void {
  const started = performance.now();
  const url = req.url ?? ''; // as the client sent it: routing rewrites req.url
  // 'close' follows 'finish' on every response, and comes alone when the client went away first.
  res.once('close', () => {
    // A client that hangs up before the answer is sent is routine (a load balancer's timeout, a
    // closed tab): the status decides the level, the message says it was aborted.
    const level = accessLevel(res.statusCode);
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        req: {
          id,
          method: req.method,
          url: redactUrl(url),
          remoteAddress: req.socket.remoteAddress,
          userAgent: req.headers['user-agent'],
        },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      },
      res.writableFinished ? 'request completed' : 'request aborted',
    );
  });
}
