import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { accessLevel } from './logger.js';
import { redactUrl } from './redaction.js';

/**
 * The access line pino-http writes (same fields, message and levels), for requests served without
 * Express. Nothing is built unless the line's level is enabled.
 */
export function logAccess(logger: Logger, req: IncomingMessage, res: ServerResponse, id: string): void {
  const started = performance.now();
  const url = req.url ?? ''; // as the client sent it: routing rewrites req.url
  // 'close' follows 'finish' on every response, and comes alone when the client went away first.
  res.once('close', () => {
    const level = accessLevel(res.statusCode, !res.writableFinished);
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
