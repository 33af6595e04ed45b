import { describe, expect, it } from 'vitest';
import type { TenantRecord } from '../../tenancy/tenancy.repository.js';
import { SESSION_ISSUER, sessionIssuer, withSessionIssuer } from './session-issuer.js';

const tenant = { id: 't-1', slug: 'acme' } as TenantRecord;
const check = {
  publicUrl: 'https://id.example.com',
  tenantDomain: 'id.example.com',
  tenantForHost: async (host: string) =>
    ({ 'login.acme.test': { id: 't-1' }, 'login.other.test': { id: 't-2' } })[host] ?? null,
};
const PATH = 'https://id.example.com/t/acme';
const issuerOf = (recorded: unknown) => sessionIssuer(tenant, { [SESSION_ISSUER]: recorded }, check);

describe('sessionIssuer', () => {
  it('keeps the issuer a session was saved under while that address serves the tenant', async () => {
    expect(await issuerOf('https://login.acme.test')).toBe('https://login.acme.test');
    expect(await issuerOf('https://acme.id.example.com')).toBe('https://acme.id.example.com');
    expect(await issuerOf(PATH)).toBe(PATH);
  });

  it('falls back to the path prefix for anything else', async () => {
    for (const recorded of [
      undefined,
      42,
      'not a url',
      'https://login.other.test', // another tenant's domain
      'https://gone.acme.test', // no longer verified
      'https://beta.id.example.com', // another tenant's subdomain
      'http://login.acme.test', // not PUBLIC_URL's scheme
      'https://login.acme.test/t/acme',
    ]) {
      expect(await issuerOf(recorded), String(recorded)).toBe(PATH);
    }
    expect(await sessionIssuer(tenant, undefined, check)).toBe(PATH);
  });
});

describe('withSessionIssuer', () => {
  it('stamps sessions only', async () => {
    const saved: Array<[string, Record<string, unknown>]> = [];
    const adapter = (model: string) =>
      ({
        upsert: async (_id: string, payload: Record<string, unknown>) => {
          saved.push([model, payload]);
        },
      }) as never;
    const factory = withSessionIssuer(adapter, 'https://login.acme.test');
    await factory('Session').upsert('s', { uid: 'u' }, 60);
    await factory('Grant').upsert('g', { jti: 'g' }, 60);
    expect(saved).toEqual([
      ['Session', { uid: 'u', [SESSION_ISSUER]: 'https://login.acme.test' }],
      ['Grant', { jti: 'g' }],
    ]);
  });
});
