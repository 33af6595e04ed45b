/** The token of a mailed link: 43 base64url characters (256 random bits), as the API issues them. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The token of the mailed link this page was opened with; taken out of the address bar at once, so
 * it stays out of the history, bookmarks and the Referer of anything the page loads. A reload of
 * the cleaned address still finds it, in this tab only (`storageKey` in sessionStorage).
 */
export function takeLinkToken(storageKey: string): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', `${url.pathname}${url.search}`);
    sessionStorage.setItem(storageKey, token);
  }
  const kept = token ?? sessionStorage.getItem(storageKey);
  return kept !== null && TOKEN.test(kept) ? kept : null;
}

/** Posts JSON to one of the account APIs mailed links use (`{base}/account/…`): no CSRF header, the token is the secret. */
export const accountRequest = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
