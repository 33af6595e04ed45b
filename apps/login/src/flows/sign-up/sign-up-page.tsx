import { Button, TextField } from '@latchkey/ui';
import { type FormEvent, type RefObject, useRef, useState } from 'react';
import { messages } from '../../i18n/messages';
import type { TInteractionFailure } from '../../interaction/interaction-failure';
import { usePageAction } from '../../interaction/use-page-action';
import type { TLoginView } from '../login-view';
import { StepAlert } from '../step-alert';
import { StepCard } from '../step-card';
import { appName, type TStepProps } from '../step-props';
import { ViewLink } from '../view-link';
import {
  errorsFromApi,
  SIGN_UP_FIELDS,
  type TSignUpErrors,
  type TSignUpField,
  type TSignUpInput,
  validateSignUp,
} from './validate-sign-up';

const t = messages.signUp;

export interface SignUpPageProps extends TStepProps {
  go: (view: TLoginView) => void;
  /** Took the place of another page in this tab: the heading takes focus. */
  moved: boolean;
  /** The code is on its way: load the sign-in again, which now waits for it. */
  onCodeSent: () => void;
}

/**
 * Self sign-up: the profile fields the tenant requires (first and last name are always offered),
 * the email and a new password, posted to `…/sign-up`. The answer is the same whether or not the
 * email has an account; the next page asks for the code from the mail.
 */
export function SignUpPage({ details, client, onFatal, go, moved, onCodeSent }: SignUpPageProps) {
  const rules = details.signUp;
  const required = new Set<string>(rules.requiredFields);
  const [input, setInput] = useState<TSignUpInput>({
    givenName: '',
    familyName: '',
    email: details.params.loginHint?.includes('@') ? details.params.loginHint : '',
    username: '',
    phone: '',
    password: '',
  });
  const [errors, setErrors] = useState<TSignUpErrors>({});
  const refs: Record<TSignUpField, RefObject<HTMLInputElement | null>> = {
    givenName: useRef<HTMLInputElement>(null),
    familyName: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    username: useRef<HTMLInputElement>(null),
    phone: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };
  const { pending, alert, run } = usePageAction(onFatal);

  const focusFirst = (found: TSignUpErrors) =>
    refs[SIGN_UP_FIELDS.find((field) => found[field]) ?? 'email'].current?.focus();

  function explain(failure: TInteractionFailure): string | undefined {
    if (failure.kind === 'validation') {
      setErrors(errorsFromApi(failure.fields, rules, t));
      return t.checkFields;
    }
    if (failure.kind === 'username-taken') {
      setErrors({ username: t.usernameTaken });
      return t.usernameTaken;
    }
    if (failure.kind === 'sign-up-disabled') return t.disabled;
    return undefined;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = validateSignUp(input, rules, t);
    if (!check.ok) {
      setErrors(check.errors);
      focusFirst(check.errors);
      return;
    }
    setErrors({});
    const sent = await run('sign-up', () => client.advance('sign-up', check.body, details.csrfToken), {
      explain,
    });
    if (sent) onCodeSent();
  }

  const field = (name: TSignUpField, label: string) => ({
    ref: refs[name],
    label: required.has(name) ? label : t.optional(label),
    name,
    required: required.has(name),
    value: input[name],
    error: errors[name],
    onChange: (event: { target: { value: string } }) => setInput({ ...input, [name]: event.target.value }),
  });

  return (
    <StepCard
      heading={t.heading}
      lead={t.lead(appName(details), details.tenant.displayName)}
      focusHeading={moved}
    >
      <form className="step-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <StepAlert alert={alert} />
        <TextField {...field('givenName', t.givenNameLabel)} autoComplete="given-name" />
        <TextField {...field('familyName', t.familyNameLabel)} autoComplete="family-name" />
        <TextField
          {...field('email', t.emailLabel)}
          label={t.emailLabel}
          required
          type="email"
          autoComplete="email"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
        />
        {required.has('username') && (
          <TextField
            {...field('username', t.usernameLabel)}
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            hint={t.usernameHint}
          />
        )}
        {required.has('phone') && (
          <TextField {...field('phone', t.phoneLabel)} type="tel" autoComplete="tel" hint={t.phoneHint} />
        )}
        <TextField
          {...field('password', t.passwordLabel)}
          label={t.passwordLabel}
          required
          type="password"
          autoComplete="new-password"
          minLength={rules.passwordMinLength}
          hint={t.passwordHint(rules.passwordMinLength)}
        />
        <Button type="submit" block loading={pending === 'sign-up'}>
          {t.submit}
        </Button>
      </form>
      <p className="step-switch">
        {t.haveAccount}{' '}
        <ViewLink to="sign-in" go={go}>
          {t.signIn}
        </ViewLink>
      </p>
    </StepCard>
  );
}
