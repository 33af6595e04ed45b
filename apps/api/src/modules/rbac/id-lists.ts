import type { RejectedId } from './rbac.errors.js';

/** A request list without repeats, first occurrence first: repeating an id is harmless. */
export const distinct = (ids: readonly string[]): string[] => [...new Set(ids)];

/**
 * The entries of a request list (`field[index]`) that `verdict` refuses, so one 400 can name every
 * one of them; a repeated bad id is named at each index where the client wrote it.
 */
export function rejectedEntries(
  field: string,
  ids: readonly string[],
  verdict: (id: string) => RejectedId['reason'] | null,
): RejectedId[] {
  return ids.flatMap((id, index) => {
    const reason = verdict(id);
    return reason ? [{ path: `${field}[${index}]`, reason }] : [];
  });
}
