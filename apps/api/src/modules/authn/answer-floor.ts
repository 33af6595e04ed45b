import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long an answer that must not tell whether an account exists takes at least. The work behind
 * it (a lookup, and for an existing account a token and a recorded mail) takes a few to some tens of
 * milliseconds, and differs by path; below this floor both paths wait, so the time says nothing.
 */
export const ANSWER_FLOOR_MS = 300;

/** Waits until `floorMs` have passed since `startedAt` (a performance.now() reading). */
export async function answerNoSoonerThan(startedAt: number, floorMs = ANSWER_FLOOR_MS): Promise<void> {
  const left = startedAt + floorMs - performance.now();
  if (left > 0) await sleep(left);
}
