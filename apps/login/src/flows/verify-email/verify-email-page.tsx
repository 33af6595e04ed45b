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
import { useLinkVerified } from './use-link-verified';

const t = messages.verifyEmail;

/** What differs between the code step of a sign-up and that of a passwordless sign-in. */
const KINDS = {
  'sign-up': {
    verify: 'verify-email',
    resend: 'resend-code',
    pending: (d: TInteractionDetails) => d.verification,
    // A tenant may mail codes only (no link): then the page says nothing of a link.
    lead: (d: TInteractionDetails) => (d.signUp.verificationLink ? t.lead : t.leadCodeOnly),
    submit: t.submit,
    otherEmail: { to: 'sign-up', label: t.otherEmail },
  },
  'sign-in': {
    verify: 'email-code/verify',
    resend: 'email-code/resend',
    pending: (d: TInteractionDetails) => d.emailCode,
    lead: (_d: TInteractionDetails) => messages.emailCodeVerify.lead,
    submit: messages.emailCodeVerify.submit,
    otherEmail: { to: 'email-code', label: messages.emailCodeVerify.otherEmail },
  },
} as const;

export interface VerifyEmailPageProps extends TStepProps {
  /** `sign-up`: the code creates the account; `sign-in`: the code signs in (passwordless). */
  kind: keyof typeof KINDS;
  verification: NonNullable<TInteractionDetails['verification']>;
  go: (view: TLoginView) => void;
  moved: boolean;
  /** The sign-in no longer waits for a code (finished elsewhere, or expired): load it again. */
  onStale: () => void;
}

/**
 * The code step of a sign-up (`…/verify-email`: a right code creates the account) or of a
 * passwordless sign-in (`…/email-code/verify`): the 6 digits from the mail; then the sign-in goes on. "Send a new code" counts down to the moment the
 * API allows another mail.
 */
export function VerifyEmailPage({
  details,
  client,
  onFatal,
  kind,
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
  const k = KINDS[kind];
  // The mailed link may verify a sign-up from anywhere: then the reload shows the next page.
  // Without a link in the mail there is nothing to wait for: only this page's code verifies.
  useLinkVerified(client, kind === 'sign-up' && details.signUp.verificationLink, onStale);

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
    if (
      failure.kind === 'verification-not-pending' ||
      failure.kind === 'sign-up-disabled' ||
      failure.kind === 'email-code-disabled'
    ) {
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
    const answer = await run('verify', () => client.submit(k.verify, { code: digits }, details.csrfToken), {
      explain,
      leaving: true,
    });
    if (answer) window.location.assign(answer.redirectTo);
  }

  async function onResend() {
    setResent(false);
    const sent = await run('resend', () => client.advance(k.resend, {}, details.csrfToken), { explain });
    // The API's own times for the code in force, also after a refused resend (how long to wait).
    const fresh = await client.details().catch(() => undefined);
    const still = fresh && k.pending(fresh);
    if (still) setResendAt(Date.parse(still.resendAvailableAt));
    if (!sent) return;
    setCode('');
    setError(undefined);
    setResent(true);
    codeRef.current?.focus();
  }

  return (
    <StepCard heading={t.heading} lead={k.lead(details)(verification.email)} focusHeading={moved}>
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
          {k.submit}
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
        <ViewLink to={k.otherEmail.to} go={go}>
          {k.otherEmail.label}
        </ViewLink>
        {' · '}
        <ViewLink to="sign-in" go={go}>
          {t.signIn}
        </ViewLink>
      </p>
    </StepCard>
  );
}
