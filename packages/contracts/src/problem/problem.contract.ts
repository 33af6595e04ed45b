import { z } from 'zod';

/** One failing field of a validation error: `path` is the JSON path of the field in the request. */
export const ZProblemFieldError = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string(),
  /**
   * Machine-readable reasons a UI can put in its own words: for `password_too_weak`, zxcvbn's
   * feedback keys (`warnings.commonNames`, `suggestions.anotherWord`), the warning first.
   */
  hints: z.array(z.string()).optional(),
});
export type TProblemFieldError = z.infer<typeof ZProblemFieldError>;

/**
 * RFC 9457 problem details, as every management and interaction API error is answered.
 * `type` is stable (clients switch on it); `detail` is for humans; `errors` lists failing fields.
 */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(ZProblemFieldError).optional(),
});
export type TProblem = z.infer<typeof ZProblem>;

/** The base of every problem `type` URI Latchkey emits; the suffix is the stable error code. */
export const PROBLEM_TYPE_BASE = 'https://latchkey.dev/problems/';

/** Error codes of the platform layer (modules add their own enums). */
export const PlatformErrorCode = {
  NotFound: 'not-found',
  MalformedJson: 'malformed-json',
  ValidationFailed: 'validation-failed',
  PayloadTooLarge: 'payload-too-large',
  UnsupportedMediaType: 'unsupported-media-type',
  MethodNotAllowed: 'method-not-allowed',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  Conflict: 'conflict',
  RateLimited: 'rate-limited',
  ServiceUnavailable: 'service-unavailable',
  Internal: 'internal',
} as const;
export type TPlatformErrorCode = (typeof PlatformErrorCode)[keyof typeof PlatformErrorCode];

export const problemType = (code: string): string => `${PROBLEM_TYPE_BASE}${code}`;
