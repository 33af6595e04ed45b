// Anchored: a tenant may well be called `login` (`/t/login/login/`).
const LOGIN_PAGE = /^((?:\/t\/[^/]+)?)\/login(?:\/|$)/;

/**
 * Where the interaction API of this page's tenant lives, read from the page's own URL: everything
 * before `/login/`. That is `/t/{tenant}` on the path prefix and the empty string on a tenant's
 * subdomain or custom domain, where `{base}/interaction/{uid}/…` is then `/interaction/{uid}/…`.
 * Relative to this origin either way, so the page only ever talks to the host that served it.
 */
export function interactionBase(pathname: string): string | null {
  return LOGIN_PAGE.exec(pathname)?.[1] ?? null;
}

// The API's own rule for a uid in its routes (oidc-http.ts): anything else cannot be a sign-in.
const UID = /^[A-Za-z0-9_-]{1,64}$/;

/** The pending sign-in this page was opened for (`?uid=`), or null when the link lacks a usable one. */
export function readUid(search: string): string | null {
  const uid = new URLSearchParams(search).get('uid');
  return uid !== null && UID.test(uid) ? uid : null;
}
