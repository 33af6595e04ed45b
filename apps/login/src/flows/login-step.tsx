import { messages } from '../i18n/messages';
import { EmailCodePage } from './email-code/email-code-page';
import { ForgotPasswordPage } from './forgot-password/forgot-password-page';
import { useLoginView, viewHref } from './login-view';
import { SignInPage } from './sign-in/sign-in-page';
import { SignUpPage } from './sign-up/sign-up-page';
import type { TStepProps } from './step-props';
import { EmailVerifiedPage } from './verify-email/email-verified-page';
import { VerifyEmailPage } from './verify-email/verify-email-page';
import { ViewLink } from './view-link';

const t = messages.signIn;

export interface LoginStepProps extends TStepProps {
  /** Loads the pending sign-in again (after a sign-up, the code step is next). */
  reload: () => void;
}

/**
 * The `login` prompt's pages: sign in, create an account, forgot password, ask for a sign-in code,
 * and the code step of a pending sign-up or passwordless sign-in.
 * The address says which one (see login-view.ts); the code step is the default while a code is due.
 */
export function LoginStep({ reload, ...props }: LoginStepProps) {
  const { details } = props;
  const { view, moved, go } = useLoginView();
  const signUpOpen = details.signUp.enabled;
  // A code step is shown at the default address: a reload there shows it again.
  const toCodeStep = () => {
    window.history.replaceState(null, '', viewHref('default'));
    reload();
  };

  if (view === 'sign-up' && signUpOpen) {
    return <SignUpPage {...props} go={go} moved={moved} onCodeSent={toCodeStep} />;
  }
  if (view === 'forgot-password') return <ForgotPasswordPage {...props} go={go} moved={moved} />;
  if (view === 'email-code' && details.passwordless.emailCode) {
    return <EmailCodePage {...props} go={go} moved={moved} onCodeSent={toCodeStep} />;
  }
  if (view === 'default' && details.verification?.verified) {
    return <EmailVerifiedPage {...props} onStale={reload} />;
  }
  if (view === 'default' && details.verification) {
    return (
      <VerifyEmailPage
        {...props}
        kind="sign-up"
        verification={details.verification}
        go={go}
        moved={moved}
        onStale={reload}
      />
    );
  }
  if (view === 'default' && details.emailCode) {
    return (
      <VerifyEmailPage
        {...props}
        kind="sign-in"
        verification={details.emailCode}
        go={go}
        moved={moved}
        onStale={reload}
      />
    );
  }
  return (
    <SignInPage {...props} focusHeading={moved}>
      <p className="step-switch">
        <ViewLink to="forgot-password" go={go}>
          {t.forgotPassword}
        </ViewLink>
        {details.passwordless.emailCode && (
          <>
            {' · '}
            <ViewLink to="email-code" go={go}>
              {t.emailCodeInstead}
            </ViewLink>
          </>
        )}
      </p>
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
