import { Alert, Button, TextField } from '@latchkey/ui';
import { type FormEvent, useRef, useState } from 'react';
import { messages } from '../../i18n/messages';
import { validateIdentifier } from './validate-identifier';

const t = messages.signIn;

/**
 * Step one of identifier-first sign-in. The interaction API that decides the next step (password,
 * passkey, SSO redirect) does not exist yet, so submitting says so plainly instead of pretending.
 */
export function IdentifierForm() {
  const [identifier, setIdentifier] = useState('');
  const [error, setError] = useState<string>();
  const [submitted, setSubmitted] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = validateIdentifier(identifier, t);
    if (!check.ok) {
      setError(check.error);
      setSubmitted(false);
      inputRef.current?.focus();
      return;
    }
    setError(undefined);
    setSubmitted(true);
  }

  return (
    // noValidate: our own message is wired to the field and read by screen readers, unlike the
    // browser's tooltip; `required` stays for its semantics.
    <form className="sign-in-form" onSubmit={onSubmit} noValidate>
      <TextField
        ref={inputRef}
        label={t.identifierLabel}
        name="username"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        value={identifier}
        error={error}
        onChange={(event) => {
          setIdentifier(event.target.value);
          setSubmitted(false);
        }}
      />
      <Button type="submit" block>
        {t.submit}
      </Button>
      {/* Always mounted, so screen readers announce the notice when it appears. */}
      <div role="status" className="sign-in-form__status">
        {submitted && (
          <Alert tone="info" live="off" title={t.notAvailableTitle}>
            {t.notAvailableBody}
          </Alert>
        )}
      </div>
    </form>
  );
}
