import { Button, Checkbox, TextField } from '@latchkey/ui';
import { type FormEvent, useRef, useState } from 'react';
import { messages } from '../../i18n/messages';
import type { TInteractionFailure } from '../../interaction/interaction-failure';
import { useStepAction } from '../../interaction/use-step-action';
import { StepAlert } from '../step-alert';
import type { TStepProps } from '../step-props';
import { type TSignInField, validateSignIn } from './validate-sign-in';

const t = messages.signIn;

/** Password sign-in: identifier, password, "keep me signed in", posted to `…/login`. */
export function SignInForm({ details, client, onFatal }: TStepProps) {
  const [identifier, setIdentifier] = useState(details.params.loginHint ?? '');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<TSignInField, string>>>({});
  const identifierRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const { pending, alert, run } = useStepAction(onFatal);

  function explain(failure: TInteractionFailure): string | undefined {
    if (failure.kind === 'invalid-credentials') {
      setPassword('');
      return t.invalidCredentials;
    }
    // The API checks the same rules as validateSignIn, and a little more (lengths).
    if (failure.kind === 'validation') return t.invalidCredentials;
    return undefined;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = validateSignIn({ identifier, password }, t);
    if (!check.ok) {
      setErrors(check.errors);
      (check.errors.identifier ? identifierRef : passwordRef).current?.focus();
      return;
    }
    setErrors({});
    const body = { identifier: check.identifier, password: check.password, remember };
    void run('login', () => client.submit('login', body, details.csrfToken), explain);
  }

  return (
    // noValidate: our own messages are wired to the fields and read by screen readers, unlike the
    // browser's tooltips; `required` stays for its semantics.
    <form className="step-form" onSubmit={onSubmit} noValidate>
      <StepAlert alert={alert} />
      <TextField
        ref={identifierRef}
        label={t.identifierLabel}
        name="username"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        value={identifier}
        error={errors.identifier}
        onChange={(event) => setIdentifier(event.target.value)}
      />
      <TextField
        ref={passwordRef}
        label={t.passwordLabel}
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        error={errors.password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Checkbox
        label={t.rememberLabel}
        hint={t.rememberHint}
        name="remember"
        checked={remember}
        onChange={(event) => setRemember(event.target.checked)}
      />
      <Button type="submit" block loading={pending === 'login'}>
        {t.submit}
      </Button>
    </form>
  );
}
