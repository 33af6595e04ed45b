import type { TPasswordResetCheck } from '@latchkey/contracts';
import { Button, TextField } from '@latchkey/ui';
import { type FormEvent, useRef, useState } from 'react';
import { messages } from '../../i18n/messages';
import type { TInteractionFailure } from '../../interaction/interaction-failure';
import { usePageAction } from '../../interaction/use-page-action';
import { MailedLinkOutcome, type TLinkPage, useMailedLink } from '../mailed-link';
import { passwordProblemText } from '../password-problem';
import { StepAlert } from '../step-alert';
import { StepCard } from '../step-card';
import { forgetResetToken, type ResetClient } from './reset-client';

const t = messages.resetPassword;

type TLinkProblem = 'reset-link-invalid' | 'reset-link-used' | 'reset-link-expired';

const LINK_PAGES: Record<TLinkProblem, TLinkPage> = {
  'reset-link-invalid': { heading: t.invalidHeading, body: t.invalid },
  'reset-link-used': { heading: t.usedHeading, body: t.used },
  'reset-link-expired': { heading: t.expiredHeading, body: t.expired },
};
const DONE: TLinkPage = { heading: t.doneHeading, body: t.done };

/**
 * The page a mailed reset link opens (`…/login/reset?token=…`), in whatever browser: checks the link
 * first (so a spent or expired one says so before anything is typed), then takes the new password.
 */
export function ResetPasswordPage({ client, token }: { client: ResetClient; token: string | null }) {
  const { state, setState, toState } = useMailedLink<TPasswordResetCheck, TLinkProblem>({
    token,
    client,
    pages: LINK_PAGES,
    missing: 'reset-link-invalid',
    // A link that does not work is not worth keeping for a reload.
    onLinkProblem: forgetResetToken,
  });
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const passwordRef = useRef<HTMLInputElement>(null);
  const { pending, alert, run } = usePageAction((failure) => setState(toState(failure)));

  if (state.status !== 'ready') return <MailedLinkOutcome state={state} pages={LINK_PAGES} done={DONE} />;

  const min = state.check.passwordMinLength;
  const explain = (failure: TInteractionFailure) => {
    if (failure.kind !== 'validation') return undefined;
    // Too short, too easy to guess or used recently: the API decides strength and history.
    const problem = failure.fields.find((field) => field.path === 'password');
    const text = passwordProblemText(problem, min, messages.signUp);
    setError(text);
    return text;
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if ([...password].length < min) {
      setError(messages.signUp.passwordTooShort(min));
      passwordRef.current?.focus();
      return;
    }
    setError(undefined);
    if (!token) return;
    const done = await run('save', () => client.complete({ token, password }), { explain });
    if (done) {
      forgetResetToken();
      setState({ status: 'done' });
    }
  }

  return (
    <StepCard heading={t.heading} lead={t.lead(state.check.email)}>
      <form className="step-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <StepAlert alert={alert} />
        <TextField
          ref={passwordRef}
          label={t.passwordLabel}
          hint={messages.signUp.passwordHint(min)}
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          minLength={min}
          value={password}
          error={error}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" block loading={pending === 'save'}>
          {t.submit}
        </Button>
      </form>
    </StepCard>
  );
}
