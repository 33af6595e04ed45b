import type { ServerResponse } from 'node:http';
import type { TInteractionDetails, TInteractionNextStep, TInteractionRedirect } from '@latchkey/contracts';
import { Injectable } from '@nestjs/common';
import type Provider from 'oidc-provider';
import { AppError } from '../../platform/errors/app-error.js';
import { type AccountRecord, UserAccountsService } from '../identity/user-accounts.service.js';
import type { TenantRecord } from '../tenancy/tenancy.repository.js';
import type { InteractionRequest } from './interaction-request.js';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Problem types of the `select_account` step (docs/oidc.md#continue-as). */
export const ContinueSessionErrorCode = {
  SessionEnded: 'session-ended',
  AccountUnavailable: 'account-unavailable',
} as const;

/**
 * The SSO session a sign-in started with ended (signed out elsewhere, revoked, expired): oidc-provider
 * will not go on with that interaction any more, so this is as final as `interaction-expired`.
 */
export const sessionEnded = () =>
  new AppError(ContinueSessionErrorCode.SessionEnded, 410, 'Session ended', {
    detail:
      'You were signed out, or your session expired, since this sign-in started. Start again from the application.',
  });

/** oidc-provider's refusal to hand out an interaction whose session is gone or changed hands. */
export function sessionEndedSince(err: unknown): boolean {
  const description = (err as { error_description?: unknown } | undefined)?.error_description;
  return description === 'session not found' || description === 'session principal changed';
}

const accountUnavailable = () =>
  new AppError(ContinueSessionErrorCode.AccountUnavailable, 403, 'Account unavailable', {
    detail: 'This account can no longer sign in. Use another account.',
  });

/**
 * "Continue as …" for an existing SSO session (the `select_account` prompt, see
 * select-account-prompt.ts): whose session it is, going on with it without a password, or turning
 * the step into the ordinary sign-in ("Use another account"). The CSRF and step checks are the
 * interaction API's (InteractionsService), before these run.
 */
@Injectable()
export class ContinueSessionService {
  constructor(private readonly accounts: UserAccountsService) {}

  /**
   * Who the session belongs to, for the page. The full email: whoever can read these details holds
   * this browser's session cookie, which already signs them in as that account.
   */
  async details(
    tenant: TenantRecord,
    interaction: Interaction,
  ): Promise<Pick<TInteractionDetails, 'session'>> {
    const accountId = interaction.session?.accountId;
    if (interaction.prompt.name !== 'select_account' || !accountId) return {};
    const account = await this.accounts.findActive(tenant.id, accountId);
    return { session: { accountId, ...(account ? { name: nameOf(account), email: account.email } : {}) } };
  }

  /**
   * Goes on with the session as it is: the same account, sign-in time, `amr` and `acr` (no new
   * sign-in is recorded). The session is read again first: one ended in another tab, or expired,
   * or whose account was suspended meanwhile, must not come back through this page.
   */
  async continue(
    provider: Provider,
    tenant: TenantRecord,
    req: InteractionRequest,
    res: ServerResponse,
    interaction: Interaction,
  ): Promise<TInteractionRedirect> {
    // oidc-provider checked the session when it loaded the interaction; this closes the gap since.
    const seen = interaction.session;
    if (!seen?.accountId || !(await stillLive(provider, interaction))) throw sessionEnded();
    if (!(await this.accounts.findActive(tenant.id, seen.accountId))) throw accountUnavailable();
    // Only this prompt is answered: were the session gone by the time the browser resumes,
    // oidc-provider would ask for a sign-in rather than restore it from this result.
    const redirectTo = await provider.interactionResult(req, res, { select_account: {} });
    return { redirectTo };
  }

  /**
   * The step becomes `login` (same interaction, same uid): every sign-in method of that step
   * works, and oidc-provider ends the old session when the result names another account.
   */
  async useAnotherAccount(interaction: Interaction): Promise<TInteractionNextStep> {
    interaction.prompt = { name: 'login', reasons: ['use_another_account'], details: {} };
    await interaction.persist();
    return { next: 'sign-in' };
  }
}

/** Whether the SSO session the interaction started with still exists, for the same account. */
async function stillLive(provider: Provider, interaction: Interaction): Promise<boolean> {
  const seen = interaction.session;
  const live = seen?.uid ? await provider.Session.findByUid(seen.uid) : undefined;
  return live !== undefined && live.accountId === seen?.accountId;
}

/** What the page calls the account: its display name, else its given and family names, else its email. */
export function nameOf(account: Pick<AccountRecord, 'displayName' | 'givenName' | 'familyName' | 'email'>) {
  const full = [account.givenName, account.familyName].filter(Boolean).join(' ');
  return account.displayName?.trim() || full || account.email;
}
