import { Card } from '@latchkey/ui';
import { messages } from '../i18n/messages';

const t = messages.missingTenant;

/** Shown when the URL names no valid tenant: explain and send the user back, never guess one. */
export function MissingTenantPage() {
  return (
    <Card as="section" padding="lg" className="login-card" aria-labelledby="missing-tenant-heading">
      <div className="login-card__intro">
        <h1 id="missing-tenant-heading">{t.heading}</h1>
        <p className="login-card__lead">{t.body}</p>
      </div>
    </Card>
  );
}
