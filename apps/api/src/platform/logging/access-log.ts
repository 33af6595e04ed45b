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
  const done = () => {
    res.off('finish', done);
    res.off('close', done);
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
  };
  res.on('finish', done);
  res.on('close', done);
}
