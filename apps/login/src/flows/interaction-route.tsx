import type { TInteractionDetails } from '@latchkey/contracts';
import { useEffect } from 'react';
import type { InteractionClient } from '../interaction/interaction-client';
import { useInteractionDetails } from '../interaction/use-interaction-details';
import { ConsentPage } from './consent/consent-page';
import { ContinueAsPage } from './continue-as/continue-as-page';
import { InteractionErrorPage } from './interaction-error-page';
import { LoadingPage } from './loading-page';
import { LoginStep } from './login-step';
import { OrganizationPage } from './organization/organization-page';

export interface InteractionRouteProps {
  client: InteractionClient;
  /** Told once the API confirmed the tenant, so the frame can show its real name. */
  onDetails: (details: TInteractionDetails) => void;
}

/** Loads the pending sign-in and shows the step it waits for (`prompt.name`), or why it cannot go on. */
export function InteractionRoute({ client, onDetails }: InteractionRouteProps) {
  const { state, reload, fail } = useInteractionDetails(client);
  const details = state.status === 'ready' ? state.details : undefined;

  useEffect(() => {
    if (details) onDetails(details);
  }, [details, onDetails]);

  if (state.status === 'loading') return <LoadingPage />;
  if (state.status === 'failed') {
    // An error page that replaces a step the user was on takes focus (see StepCard).
    return (
      <InteractionErrorPage reason={state.failure.kind} onRetry={reload} focusHeading={state.duringStep} />
    );
  }
  const props = { details: state.details, client, onFatal: fail };
  switch (state.details.prompt.name) {
    case 'select_account':
      return <ContinueAsPage key={state.details.uid} {...props} reload={reload} />;
    case 'consent':
      return <ConsentPage key={state.details.uid} {...props} />;
    case 'organization':
      return <OrganizationPage key={state.details.uid} {...props} />;
    default:
      return <LoginStep key={state.details.uid} {...props} reload={reload} />;
  }
}
