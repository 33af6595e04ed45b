import { z } from 'zod';

/**
 * The password reset API on a tenant's base (`{issuer}/account/password-reset/…`), called by the
 * hosted login's reset page, which the mailed link opens (`{issuer}/login/reset?token=…`). It needs
 * no pending sign-in: the link may be opened in another browser. JSON only; the token in the body
 * is the proof (and the anti-CSRF secret); a cross-site Origin is refused.
 */
export const ZPasswordResetToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a password reset token');

/** `check`: is the link still good? Asked when the page opens, before a new password is typed. */
export const ZPasswordResetCheckRequest = z.object({ token: ZPasswordResetToken }).strict();
export type TPasswordResetCheckRequest = z.infer<typeof ZPasswordResetCheckRequest>;

export const ZPasswordResetCheck = z.object({
  /** The account's address, masked: enough for its owner to recognize. */
  email: z.string(),
  passwordMinLength: z.number().int(),
  /** When the link stops working. */
  expiresAt: z.iso.datetime(),
});
export type TPasswordResetCheck = z.infer<typeof ZPasswordResetCheck>;

/** `complete`: the new password; the token is spent, the account's SSO sessions end. */
export const ZPasswordResetCompleteRequest = z
  .object({ token: ZPasswordResetToken, password: z.string().min(1).max(1024) })
  .strict();
export type TPasswordResetCompleteRequest = z.infer<typeof ZPasswordResetCompleteRequest>;

export const ZPasswordResetComplete = z.object({ status: z.literal('password-changed') });
export type TPasswordResetComplete = z.infer<typeof ZPasswordResetComplete>;
