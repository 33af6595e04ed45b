import { useState } from 'react';
import { messages } from '../../i18n/messages';
import { usePageAction } from '../../interaction/use-page-action';
import { EmailRequestForm, emailProblem } from '../email-code/email-request-form';
import type { TLoginView } from '../login-view';
import { StepCard } from '../step-card';
import type { TStepProps } from '../step-props';
import { ViewLink } from '../view-link';

const t = messages.forgotPassword;

export interface ForgotPasswordPageProps extends TStepProps {
  go: (view: TLoginView) => void;
  moved: boolean;
}

/**
 * Forgot password: an address posted to `…/password-reset`. The answer, and so this page, is the
 * same whether or not the address has an account; the link goes by mail and opens `…/login/reset`.
 */
export function ForgotPasswordPage({ details, client, onFatal, go, moved }: ForgotPasswordPageProps) {
  const [sentTo, setSentTo] = useState<string>();
  const { pending, alert, run } = usePageAction(onFatal);

  async function send(email: string) {
    const answer = await run('send', () => client.advance('password-reset', { email }, details.csrfToken), {
      explain: emailProblem,
    });
    if (answer) setSentTo(email);
  }

  const back = (
    <p className="step-switch">
      <ViewLink to="sign-in" go={go}>
        {t.backToSignIn}
      </ViewLink>
    </p>
  );
  if (sentTo !== undefined) {
    return (
      <StepCard heading={t.sentHeading} lead={t.sent(sentTo)} focusHeading>
        <p className="step-note">{t.notReceived}</p>
        {back}
      </StepCard>
    );
  }
  return (
    <StepCard heading={t.heading} lead={t.lead} focusHeading={moved}>
      <EmailRequestForm
        initialEmail={details.params.loginHint ?? ''}
        submitLabel={t.submit}
        busy={pending === 'send'}
        alert={alert}
        onSend={(email) => void send(email)}
      />
      {back}
    </StepCard>
  );
}
