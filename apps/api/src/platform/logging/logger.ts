import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { AppConfig } from '../config/config.js';
import { REDACTED_PATHS, redactUrl } from './redaction.js';

export function createRootLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    base: { pid: process.pid, service: 'latchkey' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** A client-supplied request id is kept only when it cannot be used to forge log lines. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request's id (the client's, if it cannot forge log lines), echoed in `x-request-id`. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** A client's mistake (4xx) is routine traffic, not an error of ours. */
export function accessLevel(statusCode: number, errored: boolean): 'error' | 'info' {
  return statusCode >= 500 || (errored && statusCode < 400) ? 'error' : 'info';
}

/** Access logging: one line per request, level by outcome; client errors never carry a stack. */
export function httpLoggerOptions(logger: Logger): PinoHttpOptions {
  return {
    logger,
    genReqId: requestIdFor,
    customLogLevel: (_req, res, err) => accessLevel(res.statusCode, Boolean(err)),
    // The error filter logs our own failures with their stack; the access line stays small.
    customErrorObject: (_req, _res, _err, val) => ({ ...val, err: undefined }),
    autoLogging: { ignore: (req) => req.url === '/healthz' },
    serializers: {
      req: (req: {
        id: string;
        method: string;
        url: string;
        remoteAddress?: string;
        headers: Record<string, unknown>;
      }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.remoteAddress,
        userAgent: req.headers['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
