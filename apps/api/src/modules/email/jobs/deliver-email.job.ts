import { z } from 'zod';
import { defineJob, ZJobPayloadBase } from '../../../jobs/job-definition.js';
import { EmailDelivery } from '../email-delivery.js';
import { SmtpMailTransport } from '../mail-transport.js';

/**
 * Attempts per round. With the default back-off (30 s, doubling: LATCHKEY_EMAIL_RETRY_DELAY_MS) the
 * last one runs about an hour after the first; then the message is dead until retried by hand.
 */
export const EMAIL_DELIVERY_ATTEMPTS = 8;

/**
 * Delivers one recorded message (EmailService.send records it, then enqueues this with the job id
 * `email-<messageId>-<attempts so far>`: one job per round, a repeat within the round is a no-op).
 * Idempotent on the message: a message that is no longer queued or failed is left alone.
 */
export const deliverEmailJob = defineJob({
  name: 'email.deliver',
  version: 1,
  queue: 'email',
  payload: ZJobPayloadBase.extend({ messageId: z.uuid() }),
  attempts: EMAIL_DELIVERY_ATTEMPTS,
  backoff: { type: 'exponential', delayMs: 30_000 },
  handler: async (payload, { deps, logger, attempt }) => {
    if (!deps.config) throw new Error('email.deliver needs the deployment configuration in its deps');
    const delivery = new EmailDelivery({
      prisma: deps.prisma,
      tenants: deps.tenants,
      secrets: deps.secrets,
      config: deps.config,
      transport: new SmtpMailTransport({ allowPrivateNetwork: deps.config.allowPrivateNetwork }),
      logger,
    });
    return delivery.deliver(payload.tenantId, payload.messageId, {
      number: attempt,
      last: attempt >= EMAIL_DELIVERY_ATTEMPTS,
    });
  },
});
