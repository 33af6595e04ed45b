import type { Request, Response } from 'express';
import type Provider from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import type { AccountRecord, UserAccountsService } from '../identity/user-accounts.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import { ContinueSessionService, sessionEndedSince } from './continue-session.js';

const tenant = { id: 't1' } as TenantRecord;
const grace = {
  id: 'u1',
  email: 'grace@example.com',
  displayName: null,
  givenName: 'Grace',
  familyName: null,
};

/** The service with `active` as the only active account and `live` as the stored session (by uid). */
function setUp(active: Partial<AccountRecord> | undefined, live: { accountId?: string } | undefined) {
  const results: unknown[] = [];
  const accounts = { findActive: async (_t: string, id: string) => (active?.id === id ? active : undefined) };
  const provider = {
    Session: { findByUid: async (uid: string) => (uid === 's1' ? live : undefined) },
    interactionResult: async (_req: Request, _res: Response, result: unknown) => {
      results.push(result);
      return 'https://id.example.com/t/acme/oauth2/authorize/i1';
    },
  } as unknown as Provider;
  const interaction = {
    prompt: { name: 'select_account', reasons: ['select_account_prompt'], details: {} },
    session: { accountId: 'u1', uid: 's1' },
  } as unknown as Awaited<ReturnType<Provider['interactionDetails']>>;
  const service = new ContinueSessionService(accounts as unknown as UserAccountsService);
  const go = () => service.continue(provider, tenant, {} as Request, {} as Response, interaction);
  return { service, interaction, results, go };
}

describe('ContinueSessionService', () => {
  it('continues a live session of an active account: only select_account is answered', async () => {
    const { go, results } = setUp(grace, { accountId: 'u1' });
    await expect(go()).resolves.toEqual({ redirectTo: 'https://id.example.com/t/acme/oauth2/authorize/i1' });
    // No `login` in the result: were the session gone by the resume, a sign-in would be asked.
    expect(results).toEqual([{ select_account: {} }]);
  });

  it.each([
    ['ended', undefined],
    ['now of another account', { accountId: 'u2' }],
  ])('refuses a session %s (410 session-ended)', async (_, live) => {
    const { go, results } = setUp(grace, live);
    await expect(go()).rejects.toMatchObject({ code: 'session-ended', status: 410 });
    expect(results).toEqual([]);
  });

  it('refuses an account suspended or deleted meanwhile (403 account-unavailable)', async () => {
    const { go, results } = setUp(undefined, { accountId: 'u1' });
    await expect(go()).rejects.toMatchObject({ code: 'account-unavailable', status: 403 });
    expect(results).toEqual([]);
  });

  it('shows whose session it is on the select_account step only', async () => {
    const { service, interaction } = setUp(grace, { accountId: 'u1' });
    expect(await service.details(tenant, interaction)).toEqual({
      session: { accountId: 'u1', name: 'Grace', email: 'grace@example.com' },
    });
    const consent = { ...interaction, prompt: { ...interaction.prompt, name: 'consent' } };
    expect(await service.details(tenant, consent as typeof interaction)).toEqual({});
  });

  it("tells oidc-provider's ended-session refusals from other ones", () => {
    expect(sessionEndedSince({ error_description: 'session not found' })).toBe(true);
    expect(sessionEndedSince({ error_description: 'session principal changed' })).toBe(true);
    expect(sessionEndedSince({ error_description: 'interaction session not found' })).toBe(false);
    expect(sessionEndedSince(undefined)).toBe(false);
  });
});
