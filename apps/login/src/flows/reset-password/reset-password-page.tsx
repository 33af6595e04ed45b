import type { TPasswordResetCheck } from '@latchkey/contracts';
import { Button, TextField } from '@latchkey/ui';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { messages } from '../../i18n/messages';
import { type TInteractionFailure, toFailure } from '../../interaction/interaction-failure';
import { usePageAction } from '../../interaction/use-page-action';
import { InteractionErrorPage } from '../interaction-error-page';
import { LoadingPage } from '../loading-page';
import { passwordProblemText } from '../password-problem';
import { StepAlert } from '../step-alert';
import { StepCard } from '../step-card';
import { forgetResetToken, type ResetClient } from './reset-client';

const t = messages.resetPassword;

type TLinkProblem = 'reset-link-invalid' | 'reset-link-used' | 'reset-link-expired';
type TState =
  | { status: 'checking' }
  | { status: 'ready'; check: TPasswordResetCheck }
  | { status: 'link'; problem: TLinkProblem }
  | { status: 'failed'; failure: TInteractionFailure }
  | { status: 'done' };

const linkProblem = (failure: TInteractionFailure): TLinkProblem | undefined =>
  failure.kind === 'reset-link-invalid' ||
  failure.kind === 'reset-link-used' ||
  failure.kind === 'reset-link-expired'
    ? failure.kind
    : undefined;

const LINK_PAGES = {
  'reset-link-invalid': { heading: t.invalidHeading, body: t.invalid },
  'reset-link-used': { heading: t.usedHeading, body: t.used },
  'reset-link-expired': { heading: t.expiredHeading, body: t.expired },
} as const;

/**
 * The page a mailed reset link opens (`…/login/reset?token=…`), in whatever browser: checks the link
 * first (so a spent or expired one says so before anything is typed), then takes the new password.
 */
export function ResetPasswordPage({ client, token }: { client: ResetClient; token: string | null }) {
  const [state, setState] = useState<TState>(() =>
    token ? { status: 'checking' } : { status: 'link', problem: 'reset-link-invalid' },
  );
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const passwordRef = useRef<HTMLInputElement>(null);
  const { pending, alert, run } = usePageAction((failure) => setState(toState(failure)));

  useEffect(() => {
    if (!token) return;
    client.check(token).then(
      (check) => setState({ status: 'ready', check }),
      (e: unknown) => setState(toState(toFailure(e))),
    );
  }, [client, token]);

  if (state.status === 'checking') return <LoadingPage />;
  if (state.status === 'failed') return <InteractionErrorPage reason={state.failure.kind} focusHeading />;
  if (state.status === 'link') {
    const page = LINK_PAGES[state.problem];
    return <StepCard heading={page.heading} lead={page.body} focusHeading />;
  }
  if (state.status === 'done') return <StepCard heading={t.doneHeading} lead={t.done} focusHeading />;

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

function toState(failure: TInteractionFailure): TState {
  const problem = linkProblem(failure);
  if (problem) forgetResetToken();
  return problem ? { status: 'link', problem } : { status: 'failed', failure };
}
