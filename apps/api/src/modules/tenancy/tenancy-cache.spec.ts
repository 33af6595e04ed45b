import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChangeBus } from '../../platform/events/change-bus.js';
import type { TenancyRepository, TenantRecord } from './tenancy.repository.js';
import { TenancyService } from './tenancy.service.js';

const acme: TenantRecord = {
  id: 't-acme',
  slug: 'acme',
  displayName: 'Acme',
  status: 'active',
  isSystem: false,
};
const frozen: TenantRecord = { ...acme, id: 't-frozen', slug: 'frozen', status: 'suspended' };

function service(changes?: ChangeBus) {
  const rows = new Map([acme, frozen].map((t) => [t.slug, t]));
  const findBySlug = vi.fn(async (slug: string) => rows.get(slug) ?? null);
  const repository = { findBySlug } as unknown as TenancyRepository;
  return { tenancy: new TenancyService(repository, [], changes), findBySlug };
}

afterEach(() => vi.useRealTimers());

describe('TenancyService.cachedActive (the OIDC fast path shortcut)', () => {
  it('knows an active tenant only once it was resolved, and without a query', async () => {
    const { tenancy, findBySlug } = service(ChangeBus.inProcess(pino({ level: 'silent' })));
    expect(tenancy.cachedActive('acme')).toBeUndefined();
    await tenancy.resolveActive('acme');
    expect(tenancy.cachedActive('acme')).toEqual(acme);
    expect(findBySlug).toHaveBeenCalledTimes(1);
  });

  it('never answers for a suspended, unknown or changed tenant', async () => {
    const changes = ChangeBus.inProcess(pino({ level: 'silent' }));
    const { tenancy } = service(changes);
    await expect(tenancy.resolveActive('frozen')).rejects.toThrow();
    await expect(tenancy.resolveActive('nobody')).rejects.toThrow();
    expect(tenancy.cachedActive('frozen')).toBeUndefined();
    expect(tenancy.cachedActive('nobody')).toBeUndefined();
    await tenancy.resolveActive('acme');
    await changes.publish({ tenantId: acme.id, what: 'settings' });
    expect(tenancy.cachedActive('acme')).toBeUndefined();
  });

  it('forgets a tenant when its cache entry expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { tenancy } = service(ChangeBus.inProcess(pino({ level: 'silent' })));
    await tenancy.resolveActive('acme');
    vi.setSystemTime(Date.now() + 60_000);
    expect(tenancy.cachedActive('acme')).toBeUndefined();
  });

  it('caches nothing without a change bus to hear of changes', async () => {
    const { tenancy } = service();
    await tenancy.resolveActive('acme');
    expect(tenancy.cachedActive('acme')).toBeUndefined();
  });
});
