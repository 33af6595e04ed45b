import { describe, expect, it } from 'vitest';
import { describeFailure } from './mail-transport.js';
import { SmtpHostRefused } from './smtp-host-guard.js';

/** An error shaped like nodemailer's. */
const smtpError = (message: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(message), fields);

describe('describeFailure', () => {
  it('takes 5xx replies as permanent, 4xx and network errors as transient', () => {
    expect(
      describeFailure(
        smtpError('Message failed: 550 no such user', { code: 'EENVELOPE', responseCode: 550 }),
      ),
    ).toEqual({ permanent: true, message: 'EENVELOPE: Message failed: 550 no such user' });
    expect(
      describeFailure(smtpError('451 try again later', { code: 'EMESSAGE', responseCode: 451 })).permanent,
    ).toBe(false);
    expect(
      describeFailure(smtpError('connect ECONNREFUSED 127.0.0.1:1', { code: 'ESOCKET' })).permanent,
    ).toBe(false);
    expect(describeFailure(new SmtpHostRefused('private')).permanent).toBe(true);
  });

  it('cuts out the password should a server echo it, keeps one line and bounds the length', () => {
    const failure = describeFailure(
      smtpError(`Invalid login: 535 bad credentials for hunter2\r\nmore ${'x'.repeat(1000)}`, {
        code: 'EAUTH',
        responseCode: 535,
      }),
      [null, 'hunter2'],
    );
    expect(failure.message).not.toContain('hunter2');
    expect(failure.message).toContain('[REDACTED]');
    expect(failure.message).not.toMatch(/[\r\n]/);
    expect(failure.message.length).toBeLessThanOrEqual(500);
  });
});
