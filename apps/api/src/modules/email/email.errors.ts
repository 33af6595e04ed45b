import { EmailErrorCode } from '@latchkey/contracts';
import { AppError } from '../../platform/errors/app-error.js';

// Unknown ids, malformed ids and other tenants' messages all read the same: existence never leaks.
export const messageNotFound = () => AppError.notFound('No email message with this id in this tenant.');

export const smtpNotConfigured = () =>
  new AppError(EmailErrorCode.SmtpNotConfigured, 404, 'No SMTP server', {
    detail:
      'This tenant has no SMTP server of its own: its mail goes through the deployment (SMTP_URL) or the dev outbox.',
  });

export const messageNotDead = (status: string) =>
  new AppError(EmailErrorCode.MessageNotDead, 409, 'Not a dead message', {
    detail: `Only dead messages can be retried; this one is ${status}.`,
  });

export const privateSmtpHost = () =>
  new AppError(EmailErrorCode.PrivateSmtpHost, 400, 'SMTP host not allowed', {
    detail:
      'The host is a loopback, private or special-use address, which tenants may not use (SSRF protection).',
    errors: [{ path: 'host', message: 'is a loopback, private or special-use address', code: 'not_allowed' }],
  });

export const smtpPasswordRequired = (reason: 'host-changed' | 'username') =>
  new AppError(EmailErrorCode.PasswordRequired, 400, 'SMTP password required', {
    detail:
      reason === 'host-changed'
        ? 'The host changed: send the password again (a stored password is never sent to a new server).'
        : 'A username needs a password.',
    errors: [{ path: 'password', message: 'is required', code: 'required' }],
  });
