import { z } from 'zod';

/**
 * The email verification link's API on a tenant's base (`{issuer}/account/email-verification/…`),
 * called by the hosted login page the link in the sign-up mail opens
 * (`{issuer}/login/verify-email?token=…`), in whatever browser (docs/sign-up.md#verification-by-link).
 * It needs no pending sign-in and signs nobody in: the browser that started the sign-up does that.
 * JSON only; the token in the body is the proof (and the anti-CSRF secret); a cross-site Origin is
 * refused.
 */
export const ZEmailVerificationToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'is not an email verification token');

/** `check`: is the link still good, and for which address? Asked when the page opens. */
export const ZEmailVerificationCheckRequest = z.object({ token: ZEmailVerificationToken }).strict();
export type TEmailVerificationCheckRequest = z.infer<typeof ZEmailVerificationCheckRequest>;

export const ZEmailVerificationCheck = z.object({
  /** The address being verified, masked: enough for its owner to recognize. */
  email: z.string(),
  /** When the link stops working (with the code of the same mail). */
  expiresAt: z.iso.datetime(),
});
export type TEmailVerificationCheck = z.infer<typeof ZEmailVerificationCheck>;

/** `complete`: verifies the address (the account is created); the link is spent. */
export const ZEmailVerificationCompleteRequest = z.object({ token: ZEmailVerificationToken }).strict();
export type TEmailVerificationCompleteRequest = z.infer<typeof ZEmailVerificationCompleteRequest>;

export const ZEmailVerificationComplete = z.object({ status: z.literal('email-verified') });
export type TEmailVerificationComplete = z.infer<typeof ZEmailVerificationComplete>;
