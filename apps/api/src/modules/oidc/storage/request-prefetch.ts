import Provider, { type AdapterPayload } from 'oidc-provider';
import type { AccountRecord } from '../../identity/user-accounts.service.js';

/** The request being served (oidc-provider keeps its Koa context in AsyncLocalStorage). */
export type CurrentRequest = () => object | undefined;
const providerRequest: CurrentRequest = () => Provider.ctx;

/** What one request read ahead: grants by id, active accounts by id. */
interface Prefetched {
  grants: Map<string, AdapterPayload>;
  accounts: Map<string, AccountRecord>;
}

/**
 * A refresh reads the refresh token, then its grant, then the account. All three come back from
 * one query, and the grant and the account wait here for the reads that follow — within the same
 * request only (keyed by the request object, so nothing is shared between requests and nothing
 * outlives one), each read once, and a grant dropped if the request itself saves or destroys it.
 * This is not a cache: every refresh still reads all three from PostgreSQL, in one round trip.
 */
export class RequestPrefetch {
  private readonly byRequest = new WeakMap<object, Prefetched>();

  constructor(private readonly currentRequest: CurrentRequest = providerRequest) {}

  /** Keeps what a read of `grantId`'s artifact brought along, for the rest of this request. */
  keep(grantId: string, grant: AdapterPayload, account: AccountRecord | undefined): void {
    const request = this.currentRequest();
    if (!request) return;
    let prefetched = this.byRequest.get(request);
    if (!prefetched) {
      prefetched = { grants: new Map(), accounts: new Map() };
      this.byRequest.set(request, prefetched);
    }
    prefetched.grants.set(grantId, grant);
    if (account) prefetched.accounts.set(account.id, account);
  }

  /** The grant this request prefetched, once; undefined when it has to be read. */
  takeGrant(grantId: string): AdapterPayload | undefined {
    return this.take('grants', grantId);
  }

  /** The active account this request prefetched, once; undefined when it has to be read. */
  takeAccount(accountId: string): AccountRecord | undefined {
    return this.take('accounts', accountId);
  }

  forgetGrant(grantId: string): void {
    const request = this.currentRequest();
    if (request) this.byRequest.get(request)?.grants.delete(grantId);
  }

  private take<K extends keyof Prefetched>(kind: K, id: string) {
    const request = this.currentRequest();
    const entries = request ? this.byRequest.get(request)?.[kind] : undefined;
    const found = entries?.get(id);
    entries?.delete(id);
    return found as (Prefetched[K] extends Map<string, infer V> ? V : never) | undefined;
  }
}
