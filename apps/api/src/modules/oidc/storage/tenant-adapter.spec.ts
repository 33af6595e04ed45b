import type { AdapterPayload } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import type { OidcStore } from './oidc-store.js';
import { tenantAdapterFactory } from './tenant-adapter.js';

const TENANT = '00000000-0000-4000-8000-000000000001';

/** A long-lived store that counts its reads; refresh token rt1 belongs to grant g1. */
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
      return { payload: { grantId: 'g1', jti: id } as AdapterPayload, grant: grants.get('g1') };
    },
    upsert: async () => undefined,
    destroy: async () => undefined,
  } as unknown as OidcStore;
  return { store, reads };
}

describe('the tenant adapter’s grant prefetch', () => {
  it('serves a refresh’s grant read from the refresh token’s query, in the same request only', async () => {
    const { store, reads } = countingStore();
    let request: object | undefined = {};
    const adapter = tenantAdapterFactory(
      TENANT,
      { longLived: store, shortLived: store },
      {} as never,
      () => request,
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
      () => request,
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
      () => undefined,
    );
    await adapter('RefreshToken').find('rt1');
    await adapter('Grant').find('g1');
    expect(reads).toEqual(['RefreshToken+Grant:rt1', 'Grant:g1']);
  });
});
