import { messages } from '../i18n/messages';
import { useLoginView, viewHref } from './login-view';
import { SignInPage } from './sign-in/sign-in-page';
import { SignUpPage } from './sign-up/sign-up-page';
import type { TStepProps } from './step-props';
import { VerifyEmailPage } from './verify-email/verify-email-page';
import { ViewLink } from './view-link';

const t = messages.signIn;

export interface LoginStepProps extends TStepProps {
  /** Loads the pending sign-in again (after a sign-up, the code step is next). */
  reload: () => void;
}

/**
 * The `login` prompt has three pages: sign in, create an account, and the code of a pending sign-up.
 * The address says which one (see login-view.ts); the code step is the default while a code is due.
 */
export function LoginStep({ reload, ...props }: LoginStepProps) {
  const { details } = props;
  const { view, moved, go } = useLoginView();
  const signUpOpen = details.signUp.enabled;

  if (view === 'sign-up' && signUpOpen) {
    return (
      <SignUpPage
        {...props}
        go={go}
        moved={moved}
        onCodeSent={() => {
          // The code step lives at the default address: a reload there shows it again.
          window.history.replaceState(null, '', viewHref('default'));
          reload();
        }}
      />
    );
  }
  if (view === 'default' && details.verification) {
    return (
      <VerifyEmailPage
        {...props}
        verification={details.verification}
        go={go}
        moved={moved}
        onStale={reload}
      />
    );
  }
  return (
    <SignInPage {...props} focusHeading={moved}>
      {signUpOpen && (
        <p className="step-switch">
          {t.noAccount}{' '}
          <ViewLink to="sign-up" go={go}>
            {t.createAccount}
          </ViewLink>
        </p>
      )}
    </SignInPage>
  );
}
