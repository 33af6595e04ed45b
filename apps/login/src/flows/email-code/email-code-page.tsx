import { messages } from '../../i18n/messages';
import type { TInteractionFailure } from '../../interaction/interaction-failure';
import { usePageAction } from '../../interaction/use-page-action';
import type { TLoginView } from '../login-view';
import { StepCard } from '../step-card';
import type { TStepProps } from '../step-props';
import { ViewLink } from '../view-link';
import { EmailRequestForm, emailProblem } from './email-request-form';

const t = messages.emailCode;

export interface EmailCodePageProps extends TStepProps {
  go: (view: TLoginView) => void;
  moved: boolean;
  /** A code is on its way (or would be, for an address without an account): show the code step. */
  onCodeSent: () => void;
}

/** "Email me a code instead": an address posted to `…/email-code`; the code step comes next. */
export function EmailCodePage({ details, client, onFatal, go, moved, onCodeSent }: EmailCodePageProps) {
  const { pending, alert, run } = usePageAction(onFatal);

  const explain = (failure: TInteractionFailure) =>
    failure.kind === 'email-code-disabled' ? t.disabled : emailProblem(failure);

  async function send(email: string) {
    const answer = await run('send', () => client.advance('email-code', { email }, details.csrfToken), {
      explain,
      leaving: true,
    });
    if (answer) onCodeSent();
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
      <p className="step-switch">
        <ViewLink to="sign-in" go={go}>
          {t.usePassword}
        </ViewLink>
      </p>
    </StepCard>
  );
}
