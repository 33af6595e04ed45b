import type { ReactNode } from 'react';
import { messages } from '../../i18n/messages';
import { StepCard } from '../step-card';
import { appName, type TStepProps } from '../step-props';
import { SignInForm } from './sign-in-form';

const t = messages.signIn;

/**
 * The login step. An existing session (`details.session`) still gets the form: oidc-provider asks
 * for a sign-in despite a session only when the application wants a fresh one (prompt=login,
 * max_age), or after "Use another account"; "Continue as …" is the `select_account` step.
 */
export function SignInPage({
  children,
  focusHeading,
  ...props
}: TStepProps & { children?: ReactNode; focusHeading?: boolean }) {
  const { details } = props;
  return (
    <StepCard
      heading={t.heading}
      lead={t.subheadingWithApp(appName(details), details.tenant.displayName)}
      focusHeading={focusHeading}
    >
      <SignInForm {...props} />
      {children}
    </StepCard>
  );
}
