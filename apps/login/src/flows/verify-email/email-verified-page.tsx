import { Button } from '@latchkey/ui';
import { useEffect } from 'react';
import { messages } from '../../i18n/messages';
import type { TInteractionFailure } from '../../interaction/interaction-failure';
import { usePageAction } from '../../interaction/use-page-action';
import { StepAlert } from '../step-alert';
import { StepCard } from '../step-card';
import type { TStepProps } from '../step-props';

const t = messages.emailVerified;

/**
 * The sign-up's own tab once the mailed link verified the address (here or on another device):
 * signs this browser in at once (`sign-up/complete`). The button is there for when that failed
 * (a lost connection); the heading takes focus, so the change of page is read out.
 */
export function EmailVerifiedPage({
  details,
  client,
  onFatal,
  onStale,
}: TStepProps & { onStale: () => void }) {
  const { pending, alert, run } = usePageAction(onFatal);

  // No longer waiting (finished in another tab, or the account went away): show where things stand.
  const explain = (failure: TInteractionFailure) => {
    if (failure.kind !== 'verification-not-pending' && failure.kind !== 'verification-incomplete') {
      return undefined;
    }
    onStale();
    return t.lead;
  };

  async function complete() {
    const answer = await run('complete', () => client.submit('sign-up/complete', {}, details.csrfToken), {
      explain,
      leaving: true,
    });
    if (answer) window.location.assign(answer.redirectTo);
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the page appears.
  useEffect(() => {
    void complete();
  }, []);

  return (
    <StepCard heading={t.heading} lead={t.lead} focusHeading>
      <div className="step-form">
        <StepAlert alert={alert} />
        <Button block loading={pending === 'complete'} onClick={() => void complete()}>
          {t.continue}
        </Button>
      </div>
    </StepCard>
  );
}
