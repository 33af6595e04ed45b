import { Button } from '@latchkey/ui';
import { messages } from '../i18n/messages';
import type { TInteractionFailure } from '../interaction/interaction-failure';
import { StepCard } from './step-card';

const t = messages.errorPages;

export type TErrorPageReason = 'missing-uid' | TInteractionFailure['kind'];

/** Which page a failure shows; the failures a step handles itself fall back to the generic page. */
function pageOf(reason: TErrorPageReason): keyof Omit<typeof t, 'retry'> {
  switch (reason) {
    case 'missing-uid':
    case 'expired':
    case 'tenant-not-found':
    case 'tenant-suspended':
    case 'session-ended':
    case 'network':
      return reason;
    // A rejected CSRF token means this page's copy of the sign-in is stale: start again.
    case 'csrf':
      return 'expired';
    default:
      return 'unexpected';
  }
}

export interface InteractionErrorPageProps {
  reason: TErrorPageReason;
  /** Offered for failures a retry can fix (network, server errors); never for an expired sign-in. */
  onRetry?: () => void;
  /** Set when the page replaces a step the user was on (see StepCard). */
  focusHeading?: boolean;
}

/** Why this sign-in cannot go on, and what to do next. */
export function InteractionErrorPage({ reason, onRetry, focusHeading }: InteractionErrorPageProps) {
  const page = pageOf(reason);
  const canRetry = onRetry && (page === 'network' || page === 'unexpected');
  return (
    <StepCard heading={t[page].heading} lead={t[page].body} focusHeading={focusHeading}>
      {canRetry && (
        <Button variant="secondary" block onClick={onRetry}>
          {t.retry}
        </Button>
      )}
    </StepCard>
  );
}
