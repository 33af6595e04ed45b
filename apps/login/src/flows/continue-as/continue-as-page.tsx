import { Button } from '@latchkey/ui';
import { useEffect, useId, useRef, useState } from 'react';
import { messages } from '../../i18n/messages';
import type { TInteractionFailure } from '../../interaction/interaction-failure';
import { usePageAction } from '../../interaction/use-page-action';
import { StepAlert } from '../step-alert';
import { StepCard } from '../step-card';
import { appName, type TStepProps } from '../step-props';

const t = messages.continueAs;

export interface ContinueAsPageProps extends TStepProps {
  /** Loads the pending sign-in again: after "Use another account" it waits for the sign-in step. */
  reload: () => void;
}

/**
 * The `select_account` step: this browser already has an SSO session, and the application asks to
 * choose (`prompt=select_account`, or a `login_hint` naming someone else). "Continue as …" goes on
 * without a password; "Use another account" opens the ordinary sign-in, and signing in there
 * replaces the session. Two plain buttons: Tab and Enter are all a keyboard needs.
 */
export function ContinueAsPage({ details, client, onFatal, reload }: ContinueAsPageProps) {
  const [unavailable, setUnavailable] = useState(false);
  const continueRef = useRef<HTMLButtonElement>(null);
  const emailId = useId();
  const { pending, alert, run } = usePageAction(onFatal);
  const email = details.session?.email;
  const name = details.session?.name ?? email ?? '';
  // The email under the name, unless it is the name (an account without one).
  const showEmail = email !== undefined && email !== name;

  // The likely choice, ready for Enter; the heading and lead are read before it by screen readers.
  useEffect(() => {
    continueRef.current?.focus();
  }, []);

  // The account was suspended or deleted meanwhile: only another account is left. (A session
  // that ended is fatal instead: the sign-in cannot go on, see the `session-ended` error page.)
  function explain(failure: TInteractionFailure): string | undefined {
    if (failure.kind !== 'account-unavailable') return undefined;
    setUnavailable(true);
    return t.accountUnavailable;
  }

  async function onContinue() {
    const answer = await run('continue', () => client.submit('continue', {}, details.csrfToken), {
      explain,
      leaving: true,
    });
    if (answer) window.location.assign(answer.redirectTo);
  }

  async function onUseAnother() {
    const next = await run('other', () => client.advance('use-another-account', {}, details.csrfToken), {
      explain,
    });
    if (next) reload();
  }

  return (
    <StepCard heading={t.heading} lead={t.lead(appName(details))}>
      <div className="step-form">
        <StepAlert alert={alert} />
        {!unavailable && (
          <div className="continue-as">
            <p className="continue-as__account">
              <span className="continue-as__name">{name}</span>
              {showEmail && (
                <span id={emailId} className="continue-as__email">
                  {email}
                </span>
              )}
            </p>
            <Button
              ref={continueRef}
              block
              loading={pending === 'continue'}
              aria-describedby={showEmail ? emailId : undefined}
              onClick={() => void onContinue()}
            >
              {t.continueAs(name)}
            </Button>
          </div>
        )}
        <Button variant="secondary" block loading={pending === 'other'} onClick={() => void onUseAnother()}>
          {t.useAnother}
        </Button>
      </div>
    </StepCard>
  );
}
