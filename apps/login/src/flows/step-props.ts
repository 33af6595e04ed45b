import type { TInteractionDetails } from '@latchkey/contracts';
import type { InteractionClient } from '../interaction/interaction-client';
import type { TInteractionFailure } from '../interaction/interaction-failure';

/** What every step page gets: the pending sign-in, the API to answer it, and where fatal errors go. */
export interface TStepProps {
  details: TInteractionDetails;
  client: InteractionClient;
  onFatal: (failure: TInteractionFailure) => void;
}

/** The application as users know it: its name, or its client id when it has none. */
export const appName = (details: TInteractionDetails): string =>
  details.client.name ?? details.client.clientId;
