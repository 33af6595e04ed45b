import type { TEmailVerificationCheck } from '@latchkey/contracts';
import { Alert, Button } from '@latchkey/ui';
import { messages } from '../../i18n/messages';
import { usePageAction } from '../../interaction/use-page-action';
import { MailedLinkOutcome, type TLinkPage, useMailedLink } from '../mailed-link';
import { StepAlert } from '../step-alert';
import { StepCard } from '../step-card';
import { forgetVerifyLinkToken, type VerifyLinkClient } from './verify-link-client';

const t = messages.verifyLink;

type TLinkProblem =
  | 'verification-link-invalid'
  | 'verification-link-used'
  | 'verification-link-expired'
  | 'verification-link-disabled'
  | 'sign-up-disabled';
const LINK_PAGES: Record<TLinkProblem, TLinkPage> = {
  'verification-link-invalid': { heading: t.invalidHeading, body: t.invalid },
  'verification-link-used': { heading: t.usedHeading, body: t.used },
  'verification-link-expired': { heading: t.expiredHeading, body: t.expired },
  'verification-link-disabled': { heading: t.linksOffHeading, body: t.linksOff },
  'sign-up-disabled': { heading: t.invalidHeading, body: t.disabled },
};
const DONE: TLinkPage = { heading: t.doneHeading, body: t.done };

/**
 * The page the link in a sign-up mail opens (`…/login/verify-email?token=…`), in whatever browser.
 * It checks the link first, names the address, and verifies it only when asked: a mail scanner
 * that opens links does nothing, and someone who never signed up reads the warning first. It signs
 * nobody in: the tab that started the sign-up goes on by itself.
 */
export function VerifyLinkPage({ client, token }: { client: VerifyLinkClient; token: string | null }) {
  const { state, setState, toState } = useMailedLink<TEmailVerificationCheck, TLinkProblem>({
    token,
    client,
    pages: LINK_PAGES,
    missing: 'verification-link-invalid',
  });
  const { pending, alert, run } = usePageAction((failure) => setState(toState(failure)));

  if (state.status !== 'ready') return <MailedLinkOutcome state={state} pages={LINK_PAGES} done={DONE} />;

  async function onVerify() {
    if (!token) return;
    const done = await run('verify', () => client.complete(token).then(() => true));
    if (done) {
      forgetVerifyLinkToken();
      setState({ status: 'done' });
    }
  }

  return (
    <StepCard heading={t.heading} lead={t.lead(state.check.email)}>
      <div className="step-form">
        <StepAlert alert={alert} />
        <Alert tone="warning" live="off">
          {t.warning}
        </Alert>
        <Button block loading={pending === 'verify'} onClick={() => void onVerify()}>
          {t.submit}
        </Button>
      </div>
    </StepCard>
  );
}
