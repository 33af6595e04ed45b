import { Button } from '@latchkey/ui';
import { messages } from '../../i18n/messages';
import { useStepAction } from '../../interaction/use-step-action';
import { StepAlert } from '../step-alert';
import { StepCard } from '../step-card';
import { appName, type TStepProps } from '../step-props';
import { ClientLinks, ClientLogo } from './client-identity';
import { describeScopes } from './describe-scopes';

const t = messages.consent;

/**
 * The consent step, for third-party applications (first-party ones are granted without asking):
 * who asks (with its logo and links, when it registered them), for what, and Allow / Deny. Deny aborts the sign-in, so the application receives
 * `error=access_denied`.
 */
export function ConsentPage({ details, client, onFatal }: TStepProps) {
  const { pending, alert, run } = useStepAction(onFatal);
  const app = appName(details);
  const lines = describeScopes(details.prompt, t);

  return (
    <StepCard heading={t.heading(app)} lead={t.lead(app, details.tenant.displayName)}>
      <div className="step-form">
        <ClientLogo client={details.client} app={app} />
        <StepAlert alert={alert} />
        {lines.length > 0 && (
          <ul className="consent-list">
            {lines.map((line) => (
              <li key={line.key}>{line.text}</li>
            ))}
          </ul>
        )}
        <ClientLinks client={details.client} app={app} />
        <div className="step-actions">
          <Button
            block
            loading={pending === 'allow'}
            onClick={() => void run('allow', () => client.submit('consent', {}, details.csrfToken))}
          >
            {t.allow}
          </Button>
          <Button
            block
            variant="secondary"
            loading={pending === 'deny'}
            onClick={() => void run('deny', () => client.submit('abort', {}, details.csrfToken))}
          >
            {t.deny}
          </Button>
        </div>
        <p className="step-note">{t.note}</p>
      </div>
    </StepCard>
  );
}
