import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACTED_PATHS, redactConnectionUrl, redactUrl } from './redaction.js';

describe('redactUrl', () => {
  it('hides credential-bearing query values and keeps the rest', () => {
    expect(redactUrl('/cb?code=abc123&state=xyz')).toBe('/cb?code=%5BREDACTED%5D&state=xyz');
    expect(redactUrl('/x?Access_Token=t')).toBe('/x?Access_Token=%5BREDACTED%5D');
    expect(redactUrl('/plain')).toBe('/plain');
  });
});

describe('redactConnectionUrl', () => {
  it('masks the password', () => {
    expect(redactConnectionUrl('postgresql://app:s3cret@db:5432/x')).toBe('postgresql://app:***@db:5432/x');
  });
});

describe('log redaction', () => {
  it('never writes authorization headers, cookies or passwords', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } }, sink);
    logger.info({
      req: { headers: { authorization: 'Bearer lk_secret', cookie: 'sid=abc' } },
      body: { password: 'hunter2', email: 'a@b.co' },
    });
    const line = lines.join('');
    expect(line).not.toMatch(/lk_secret|sid=abc|hunter2/);
    expect(line).toContain('a@b.co');
  });
});
