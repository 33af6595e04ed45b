import type { TEmailVerificationCheck } from '@latchkey/contracts';
import { Alert, Button } from '@latchkey/ui';
import { useEffect, useState } from 'react';
import { messages } from '../../i18n/messages';
import { type TInteractionFailure, toFailure } from '../../interaction/interaction-failure';
import { usePageAction } from '../../interaction/use-page-action';
import { InteractionErrorPage } from '../interaction-error-page';
import { LoadingPage } from '../loading-page';
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
type TState =
  | { status: 'checking' }
  | { status: 'ready'; check: TEmailVerificationCheck }
  | { status: 'link'; problem: TLinkProblem }
  | { status: 'failed'; failure: TInteractionFailure }
  | { status: 'done' };

const LINK_PAGES: Record<TLinkProblem, { heading: string; body: string }> = {
  'verification-link-invalid': { heading: t.invalidHeading, body: t.invalid },
  'verification-link-used': { heading: t.usedHeading, body: t.used },
  'verification-link-expired': { heading: t.expiredHeading, body: t.expired },
  'verification-link-disabled': { heading: t.linksOffHeading, body: t.linksOff },
  'sign-up-disabled': { heading: t.invalidHeading, body: t.disabled },
};

const toState = (failure: TInteractionFailure): TState =>
  failure.kind in LINK_PAGES
    ? { status: 'link', problem: failure.kind as TLinkProblem }
    : { status: 'failed', failure };

/**
 * The page the link in a sign-up mail opens (`…/login/verify-email?token=…`), in whatever browser.
 * It checks the link first, names the address, and verifies it only when asked: a mail scanner
 * that opens links does nothing, and someone who never signed up reads the warning first. It signs
 * nobody in: the tab that started the sign-up goes on by itself.
 */
export function VerifyLinkPage({ client, token }: { client: VerifyLinkClient; token: string | null }) {
  const [state, setState] = useState<TState>(() =>
    token ? { status: 'checking' } : { status: 'link', problem: 'verification-link-invalid' },
  );
  const { pending, alert, run } = usePageAction((failure) => setState(toState(failure)));

  useEffect(() => {
    if (!token) return;
    client.check(token).then(
      (check) => setState({ status: 'ready', check }),
      (e: unknown) => setState(toState(toFailure(e))),
    );
  }, [client, token]);

  if (state.status === 'checking') return <LoadingPage />;
  if (state.status === 'failed') return <InteractionErrorPage reason={state.failure.kind} focusHeading />;
  if (state.status === 'link') {
    const page = LINK_PAGES[state.problem];
    return <StepCard heading={page.heading} lead={page.body} focusHeading />;
  }
  if (state.status === 'done') return <StepCard heading={t.doneHeading} lead={t.done} focusHeading />;

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
