import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import type { UserAccountsService } from '../identity/user-accounts.service.js';
import { normalizeEmail } from '../identity/user-fields.js';

const { Prompt, Check } = interactionPolicy;
/** What `prompt=none` gets instead of the page (OpenID Connect Core 3.1.2.6). */
const ERROR = 'account_selection_required';

/**
 * The `select_account` prompt ("Continue as …" / "Use another account"), placed right after
 * oidc-provider's `login`: it runs only when an SSO session already answered `login` (a session too
 * old for `max_age`, `prompt=login` or an `id_token_hint` for someone else asks for the password
 * instead), and before consent, which must be asked of the account that goes on.
 *
 * Requestable, so discovery lists `select_account` in `prompt_values_supported`. oidc-provider's own
 * check for a requested prompt counts only an answer to this prompt; here a sign-in as anyone
 * (`result.login`, after "Use another account") answers it too, or the prompt would come back.
 */
export function selectAccountPrompt(tenantId: string, accounts: Pick<UserAccountsService, 'findActive'>) {
  const prompt = new Prompt({ name: 'select_account', requestable: true });
  prompt.checks.remove('select_account_prompt');
  prompt.checks.add(
    new Check('select_account_prompt', 'the application asks the user to choose an account', ERROR, (ctx) =>
      ctx.oidc.prompts.has('select_account') && undecided(ctx)
        ? Check.REQUEST_PROMPT
        : Check.NO_NEED_TO_PROMPT,
    ),
  );
  prompt.checks.add(
    new Check(
      'login_hint_other_account',
      "login_hint names another account than the SSO session's",
      ERROR,
      async (ctx) => {
        const hint = ctx.oidc.params?.login_hint;
        const accountId = ctx.oidc.session?.accountId;
        if (typeof hint !== 'string' || !hint.trim() || !accountId || !undecided(ctx)) {
          return Check.NO_NEED_TO_PROMPT;
        }
        // An inactive account's session cannot go on anyway: that is not this prompt's question.
        const account = await accounts.findActive(tenantId, accountId);
        if (!account || namesAccount(hint, account)) return Check.NO_NEED_TO_PROMPT;
        return Check.REQUEST_PROMPT;
      },
    ),
  );
  return prompt;
}

/**
 * Discovery's `prompt_values_supported` (OpenID Connect Prompt Create 1.0 §4.1): the prompts an
 * authorization request may ask for. oidc-provider accepts those of the requestable prompts (and
 * `none`) but does not list them itself.
 */
export function promptValuesSupported(policy: readonly { name: string; requestable: boolean }[]): string[] {
  return ['none', ...policy.filter((prompt) => prompt.requestable).map((prompt) => prompt.name)];
}

/** A session exists and nothing in this authorization request answered the question yet. */
function undecided(ctx: KoaContextWithOIDC): boolean {
  const result = ctx.oidc.result as Record<string, unknown> | undefined;
  return Boolean(ctx.oidc.session?.accountId) && !result?.login && !result?.select_account;
}

/** Whether `hint` is the account's email or username (case-insensitive, as sign-in compares them). */
export function namesAccount(
  hint: string,
  account: { emailNormalized: string; usernameNormalized: string | null },
): boolean {
  const normalized = normalizeEmail(hint);
  return normalized === account.emailNormalized || normalized === account.usernameNormalized;
}
