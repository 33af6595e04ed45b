import type { AccountRecord } from '../identity/user-accounts.service.js';

/** Which standard claims each scope releases (OpenID Connect Core §5.4). */
export const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: [
    'name',
    'given_name',
    'family_name',
    'preferred_username',
    'picture',
    'locale',
    'zoneinfo',
    'updated_at',
  ],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
} as const;

/** A user's standard claims; oidc-provider filters them down to what the scopes and claims asked for. */
export function standardClaims(user: AccountRecord): Record<string, unknown> {
  const fullName = [user.givenName, user.familyName].filter(Boolean).join(' ');
  return omitNullish({
    sub: user.id,
    name: user.displayName ?? (fullName || undefined),
    given_name: user.givenName,
    family_name: user.familyName,
    preferred_username: user.username,
    picture: user.picture,
    locale: user.locale,
    zoneinfo: user.zoneinfo,
    updated_at: Math.floor(user.updatedAt.getTime() / 1000),
    email: user.email,
    email_verified: user.emailVerified,
    phone_number: user.phone,
    // Latchkey does not verify phone numbers yet: say so rather than omit it.
    phone_number_verified: user.phone ? false : undefined,
  });
}

function omitNullish(claims: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * An application's custom claims (its `claimMappings`: claim name → user field path) from the
 * user's record. Missing values are left out rather than sent as null.
 */
export function customClaims(user: AccountRecord, mappings: Record<string, string>): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [claim, path] of Object.entries(mappings)) {
    const value = valueAt(user as unknown as Record<string, unknown>, path.split('.'));
    if (value !== undefined && value !== null) claims[claim] = value;
  }
  return claims;
}

function valueAt(source: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = source;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    // Own properties only: a path can never reach the prototype chain.
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
