import { LatchkeyApiError } from '@latchkey/sdk';

/**
 * A sentence an operator can act on, for any error a console call may throw. The raw message
 * ("Failed to fetch") says little; what it usually means is spelled out instead.
 */
export function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof LatchkeyApiError) {
    return `The API answered ${error.status}: ${sentence(error.message)}`;
  }
  if (error instanceof Error) {
    // Thrown by AbortSignal.timeout.
    if (error.name === 'TimeoutError') return `The API did not answer within ${timeoutMs / 1000} seconds.`;
    // Thrown by zod when the body does not match the contract.
    if (error.name === 'ZodError') {
      return 'The API answered in an unexpected format; the console and the API may be different versions.';
    }
    // fetch rejects with a TypeError when no HTTP answer arrived at all.
    if (error.name === 'TypeError') {
      return 'The API could not be reached. Check that Latchkey is running and serves this page.';
    }
    return error.message || 'Something went wrong.';
  }
  return 'Something went wrong.';
}

/** Ends the text with a full stop unless it already ends a sentence. */
const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);
