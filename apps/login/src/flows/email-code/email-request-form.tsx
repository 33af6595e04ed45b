import { Button, TextField } from '@latchkey/ui';
import { type FormEvent, useRef, useState } from 'react';
import { messages } from '../../i18n/messages';
import type { TInteractionFailure } from '../../interaction/interaction-failure';
import type { TStepAlert } from '../../interaction/use-step-action';
import { StepAlert } from '../step-alert';

const t = messages.forgotPassword;
// The same light check as sign-up's: the API has the last word (docs/adr/0010).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface EmailRequestFormProps {
  initialEmail: string;
  submitLabel: string;
  busy: boolean;
  alert: TStepAlert | undefined;
  /** Sends the (trimmed, checked) address; the page decides what comes next. */
  onSend: (email: string) => void;
}

/** One email field and a submit button: "forgot password" and "email me a code" both ask this. */
export function EmailRequestForm({ initialEmail, submitLabel, busy, alert, onSend }: EmailRequestFormProps) {
  const [email, setEmail] = useState(initialEmail.includes('@') ? initialEmail : '');
  const [error, setError] = useState<string>();
  const emailRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = email.trim();
    const problem = !trimmed ? t.emailRequired : EMAIL.test(trimmed) ? undefined : t.emailInvalid;
    setError(problem);
    if (problem) {
      emailRef.current?.focus();
      return;
    }
    onSend(trimmed);
  }

  return (
    <form className="step-form" onSubmit={onSubmit} noValidate>
      <StepAlert alert={alert} />
      <TextField
        ref={emailRef}
        label={t.emailLabel}
        type="email"
        name="email"
        autoComplete="email"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        value={email}
        error={error}
        onChange={(event) => setEmail(event.target.value)}
      />
      <Button type="submit" block loading={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}

/** A validation answer on the one field: the page's own check missed something the API did not. */
export const emailProblem = (failure: TInteractionFailure): string | undefined =>
  failure.kind === 'validation' ? t.emailInvalid : undefined;
