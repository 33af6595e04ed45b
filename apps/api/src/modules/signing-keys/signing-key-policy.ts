/**
 * The longest lifetime of any token a signing key signs: applications cap ID and access token TTLs at
 * 24 h (refresh tokens are opaque, not signed). Keep in step with that cap: a retired key must stay
 * published until every token it signed has expired, or relying parties reject valid tokens.
 */
export const MAX_SIGNED_TOKEN_TTL_SECONDS = 86_400;

/** Relying parties' clocks may run behind ours. */
export const CLOCK_SKEW_SECONDS = 300;

/** How long a retired key stays in the JWKS: 24 h 5 min. */
export const RETIRED_KEY_RETENTION_MS = (MAX_SIGNED_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS) * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The parts of a stored key that decide where it goes in a key set. */
export interface KeyTimeline {
  status: 'active' | 'next' | 'retired';
  createdAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
  expiresAt: Date | null;
}

const RANK = { active: 0, next: 1, retired: 2 } as const;

/** Active, next, then retired keys, the most recently retired first (the order the API lists them in). */
export function byStatus<K extends KeyTimeline>(keys: readonly K[]): K[] {
  return [...keys].sort(
    (a, b) =>
      RANK[a.status] - RANK[b.status] ||
      (b.retiredAt?.getTime() ?? 0) - (a.retiredAt?.getTime() ?? 0) ||
      b.createdAt.getTime() - a.createdAt.getTime(),
  );
}

/**
 * The keys oidc-provider is configured with, in the order that matters to it: it signs with the FIRST
 * key that fits the algorithm a token needs, and publishes the public half of every key in its JWKS.
 * So the active key comes first (it signs), then the next key (published ahead of its use, so
 * relying parties have it cached when it starts signing), then retired keys that may still have
 * signed a live token (published only, until `expiresAt`). An expired retired key is left out even
 * before the daily job deletes it.
 *
 * Caveat for the provider's configuration: a client asking for an algorithm that only the next key
 * has would get tokens signed by the next key; signing algorithms offered to clients should follow
 * the active key's.
 */
export function providerOrder<K extends KeyTimeline>(keys: readonly K[], now: Date): K[] {
  return byStatus(keys).filter(
    (key) => key.status !== 'retired' || (key.expiresAt !== null && key.expiresAt > now),
  );
}

/** Whether the active key has signed for `rotationDays` (since it became active) as of `now`. */
export function rotationDue(active: KeyTimeline, rotationDays: number, now: Date): boolean {
  const since = active.activatedAt ?? active.createdAt;
  return now.getTime() - since.getTime() >= rotationDays * DAY_MS;
}

/** When a key retired at `retiredAt` can no longer have signed a valid token. */
export const retiredKeyExpiry = (retiredAt: Date): Date =>
  new Date(retiredAt.getTime() + RETIRED_KEY_RETENTION_MS);
