import type { AdapterPayload } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import type { AccountRecord } from '../../identity/user-accounts.service.js';
import type { OidcStore } from './oidc-store.js';
import { RequestPrefetch } from './request-prefetch.js';
import { tenantAdapterFactory } from './tenant-adapter.js';

const TENANT = '00000000-0000-4000-8000-000000000001';

/** A long-lived store that counts its reads; refresh token rt1 belongs to grant g1 and account u1. */
function countingStore() {
  const reads: string[] = [];
  const grants = new Map<string, AdapterPayload>([['g1', { accountId: 'u1', jti: 'g1' } as AdapterPayload]]);
  const store = {
    find: async (_t: string, model: string, id: string) => {
      reads.push(`${model}:${id}`);
      return model === 'Grant' ? grants.get(id) : undefined;
    },
    findWithGrant: async (_t: string, model: string, id: string) => {
      reads.push(`${model}+Grant:${id}`);
      return {
        payload: { grantId: 'g1', jti: id, accountId: 'u1' } as AdapterPayload,
        grant: grants.get('g1'),
        account: { id: 'u1', email: 'u1@example.com' } as AccountRecord,
      };
    },
    upsert: async () => undefined,
    destroy: async () => undefined,
  } as unknown as OidcStore;
  return { store, reads };
}

describe('the tenant adapter’s prefetch of a refresh’s grant and account', () => {
  it('serves a refresh’s grant read from the refresh token’s query, in the same request only', async () => {
    const { store, reads } = countingStore();
    let request: object | undefined = {};
    const adapter = tenantAdapterFactory(
      TENANT,
      { longLived: store, shortLived: store },
      {} as never,
      new RequestPrefetch(() => request),
    );
    const tokens = adapter('RefreshToken');
    const grants = adapter('Grant');

    expect(await tokens.find('rt1')).toMatchObject({ grantId: 'g1' });
    expect(await grants.find('g1')).toMatchObject({ accountId: 'u1' });
    expect(reads).toEqual(['RefreshToken+Grant:rt1']);

    // Read once: a second read in the same request goes to the store.
    await grants.find('g1');
    expect(reads).toEqual(['RefreshToken+Grant:rt1', 'Grant:g1']);

    // Another request never sees what this one prefetched.
    await tokens.find('rt1');
    request = {};
    await grants.find('g1');
    expect(reads.slice(-2)).toEqual(['RefreshToken+Grant:rt1', 'Grant:g1']);
  });

  it('drops the prefetched grant when the request saves or destroys it', async () => {
    const { store, reads } = countingStore();
    const request = {};
    const adapter = tenantAdapterFactory(
      TENANT,
      { longLived: store, shortLived: store },
      {} as never,
      new RequestPrefetch(() => request),
    );
    await adapter('RefreshToken').find('rt1');
    await adapter('Grant').destroy('g1');
    await adapter('Grant').find('g1');
    expect(reads).toEqual(['RefreshToken+Grant:rt1', 'Grant:g1']);
  });

  it('prefetches nothing outside a request', async () => {
    const { store, reads } = countingStore();
    const adapter = tenantAdapterFactory(
      TENANT,
      { longLived: store, shortLived: store },
      {} as never,
      new RequestPrefetch(() => undefined),
    );
    await adapter('RefreshToken').find('rt1');
    await adapter('Grant').find('g1');
    expect(reads).toEqual(['RefreshToken+Grant:rt1', 'Grant:g1']);
  });

  it('hands the refresh’s account to the account lookup once, for that id, in the same request', async () => {
    const { store } = countingStore();
    let request: object | undefined = {};
    const prefetched = new RequestPrefetch(() => request);
    const adapter = tenantAdapterFactory(
      TENANT,
      { longLived: store, shortLived: store },
      {} as never,
      prefetched,
    );

    await adapter('RefreshToken').find('rt1');
    expect(prefetched.takeAccount('u2')).toBeUndefined();
    expect(prefetched.takeAccount('u1')).toMatchObject({ email: 'u1@example.com' });
    expect(prefetched.takeAccount('u1')).toBeUndefined();

    await adapter('RefreshToken').find('rt1');
    request = {};
    expect(prefetched.takeAccount('u1')).toBeUndefined();
  });
});
