import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import { REDACTED_PATHS } from './redaction.js';

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
export function accessLevel(statusCode: number): 'error' | 'info' {
  return statusCode >= 500 ? 'error' : 'info';
}
