import { Card } from '@latchkey/ui';
import { useId } from 'react';
import { messages } from '../../i18n/messages';
import type { TTenantBranding } from '../../theme/tenant-branding';
import { IdentifierForm } from './identifier-form';

const t = messages.signIn;

export function SignInPage({ branding }: { branding: TTenantBranding }) {
  const headingId = useId();
  return (
    <Card as="section" padding="lg" className="login-card" aria-labelledby={headingId}>
      <div className="login-card__intro">
        <h1 id={headingId}>{t.heading}</h1>
        <p className="login-card__lead">{t.subheading(branding.displayName)}</p>
      </div>
      <IdentifierForm />
    </Card>
  );
}
