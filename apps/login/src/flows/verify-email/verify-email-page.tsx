import type { TInteractionDetails } from '@latchkey/contracts';
import { Alert, Button, TextField } from '@latchkey/ui';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { messages } from '../../i18n/messages';
import type { TInteractionFailure } from '../../interaction/interaction-failure';
import { usePageAction } from '../../interaction/use-page-action';
import type { TLoginView } from '../login-view';
import { StepAlert } from '../step-alert';
import { StepCard } from '../step-card';
import type { TStepProps } from '../step-props';
import { ViewLink } from '../view-link';
import { useCountdown } from './use-countdown';

const t = messages.verifyEmail;

export interface VerifyEmailPageProps extends TStepProps {
  verification: NonNullable<TInteractionDetails['verification']>;
  go: (view: TLoginView) => void;
  moved: boolean;
  /** The sign-in no longer waits for a code (finished elsewhere, or expired): load it again. */
  onStale: () => void;
}

/**
 * The code step of a sign-up: the 6 digits from the mail, posted to `…/verify-email`; a right code
 * creates the account and goes on with the sign-in. "Send a new code" counts down to the moment the
 * API allows another mail.
 */
export function VerifyEmailPage({
  details,
  client,
  onFatal,
  verification,
  go,
  moved,
  onStale,
}: VerifyEmailPageProps) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [resendAt, setResendAt] = useState(() => Date.parse(verification.resendAvailableAt));
  const [resent, setResent] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const waitSeconds = useCountdown(resendAt);
  const { pending, alert, run } = usePageAction(onFatal);

  // Straight to the field: the user arrives here with the code in their clipboard or mail app.
  useEffect(() => {
    if (!moved) codeRef.current?.focus();
  }, [moved]);

  function explain(failure: TInteractionFailure): string | undefined {
    const message = {
      'code-invalid': t.codeInvalid,
      'code-expired': t.codeExpired,
      'code-void': t.codeVoid,
    }[failure.kind as string];
    if (message) {
      setCode('');
      setError(message);
      return message;
    }
    if (failure.kind === 'validation') {
      setError(t.codeFormat);
      return t.codeFormat;
    }
    if (failure.kind === 'verification-not-pending' || failure.kind === 'sign-up-disabled') {
      // Finished in another tab, or sign-up was turned off: the reload shows where things stand.
      onStale();
      return t.codeExpired;
    }
    return undefined;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setError(digits ? t.codeFormat : t.codeRequired);
      codeRef.current?.focus();
      return;
    }
    setError(undefined);
    const answer = await run(
      'verify',
      () => client.submit('verify-email', { code: digits }, details.csrfToken),
      {
        explain,
        leaving: true,
      },
    );
    if (answer) window.location.assign(answer.redirectTo);
  }

  async function onResend() {
    setResent(false);
    const sent = await run('resend', () => client.advance('resend-code', {}, details.csrfToken), { explain });
    // The API's own times for the code in force, also after a refused resend (how long to wait).
    const fresh = await client.details().catch(() => undefined);
    if (fresh?.verification) setResendAt(Date.parse(fresh.verification.resendAvailableAt));
    if (!sent) return;
    setCode('');
    setError(undefined);
    setResent(true);
    codeRef.current?.focus();
  }

  return (
    <StepCard heading={t.heading} lead={t.lead(verification.email)} focusHeading={moved}>
      <form className="step-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <StepAlert alert={alert} />
        {/* A persistent polite region: "sent" is news, not an error. */}
        <div role="status" className="step-status">
          {resent && (
            <Alert tone="success" live="off">
              {t.resent}
            </Alert>
          )}
        </div>
        <TextField
          ref={codeRef}
          label={t.codeLabel}
          hint={t.codeHint}
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={6}
          required
          value={code}
          error={error}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
        />
        <Button type="submit" block loading={pending === 'verify'}>
          {t.submit}
        </Button>
        <p className="step-note">{t.notReceived}</p>
        <Button
          variant="secondary"
          block
          disabled={waitSeconds > 0}
          loading={pending === 'resend'}
          onClick={() => void onResend()}
        >
          {waitSeconds > 0 ? t.resendIn(waitSeconds) : t.resend}
        </Button>
      </form>
      <p className="step-switch">
        <ViewLink to="sign-up" go={go}>
          {t.otherEmail}
        </ViewLink>
        {' · '}
        <ViewLink to="sign-in" go={go}>
          {t.signIn}
        </ViewLink>
      </p>
    </StepCard>
  );
}
