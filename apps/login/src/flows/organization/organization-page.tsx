import { Alert, Button, RadioGroup } from '@latchkey/ui';
import { type FormEvent, useRef, useState } from 'react';
import { messages } from '../../i18n/messages';
import type { TInteractionFailure } from '../../interaction/interaction-failure';
import { useStepAction } from '../../interaction/use-step-action';
import { StepAlert } from '../step-alert';
import { StepCard } from '../step-card';
import { appName, type TStepProps } from '../step-props';

const t = messages.organization;

/**
 * The organization step (Latchkey's own prompt, after login and consent): which of the user's
 * organizations this sign-in is for, or none when the application allows it. Nothing is chosen in
 * advance: signing in to the wrong organization is worse than one more click.
 */
export function OrganizationPage({ details, client, onFatal }: TStepProps) {
  const [chosen, setChosen] = useState<string>();
  const [error, setError] = useState<string>();
  const firstRef = useRef<HTMLInputElement>(null);
  const { pending, alert, run } = useStepAction(onFatal);
  const app = appName(details);
  const required = details.organizations?.required ?? true;
  const choices = details.organizations?.choices ?? [];

  const submit = (action: string, organizationId: string | null) =>
    run(action, () => client.submit('organization', { organizationId }, details.csrfToken), explain);
  // The API refuses an organization the user left meanwhile: let them pick another.
  const explain = (failure: TInteractionFailure) =>
    failure.kind === 'validation' ? t.notAvailable : undefined;

  if (choices.length === 0 && required) {
    return (
      <StepCard heading={t.heading}>
        <div className="step-form">
          <StepAlert alert={alert} />
          <Alert tone="warning" live="off" title={t.noneTitle}>
            {t.noneBody(app)}
          </Alert>
          <Button
            variant="secondary"
            block
            loading={pending === 'abort'}
            onClick={() => void run('abort', () => client.submit('abort', {}, details.csrfToken))}
          >
            {t.cancel}
          </Button>
        </div>
      </StepCard>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) {
      setError(t.required);
      firstRef.current?.focus();
      return;
    }
    void submit('choose', chosen);
  }

  return (
    <StepCard heading={t.heading} lead={required ? t.lead(app) : t.leadOptional(app)}>
      <form className="step-form" onSubmit={onSubmit} noValidate>
        <StepAlert alert={alert} />
        {choices.length > 0 && (
          <RadioGroup
            legend={t.legend}
            name="organization"
            options={choices.map((c) => ({ value: c.id, label: c.name, description: c.slug }))}
            value={chosen}
            onChange={(value) => {
              setChosen(value);
              setError(undefined);
            }}
            error={error}
            firstRef={firstRef}
          />
        )}
        <div className="step-actions">
          {choices.length > 0 && (
            <Button type="submit" block loading={pending === 'choose'}>
              {t.submit}
            </Button>
          )}
          {!required && (
            <Button
              variant="secondary"
              block
              loading={pending === 'none'}
              onClick={() => void submit('none', null)}
            >
              {t.withoutOrganization}
            </Button>
          )}
        </div>
      </form>
    </StepCard>
  );
}
