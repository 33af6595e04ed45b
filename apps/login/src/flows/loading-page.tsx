import { Card, Spinner } from '@latchkey/ui';
import { messages } from '../i18n/messages';

/** While the pending sign-in loads: usually a blink, so nothing but a labelled spinner. */
export function LoadingPage() {
  return (
    <Card as="section" padding="lg" className="login-card login-card--loading" aria-busy="true">
      <Spinner size="lg" label={messages.loading} />
    </Card>
  );
}
