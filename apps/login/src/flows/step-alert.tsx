import { Alert } from '@latchkey/ui';
import { useEffect, useRef } from 'react';
import type { TStepAlert } from '../interaction/use-step-action';

/**
 * Where a step reports a failed submit. The `role="alert"` region stays mounted (screen readers
 * announce changes inside an existing live region) and takes focus when a message appears, so
 * keyboard users land on it and hear it; the message is re-keyed so a repeat is announced again.
 */
export function StepAlert({ alert, title }: { alert: TStepAlert | undefined; title?: string }) {
  const regionRef = useRef<HTMLDivElement>(null);
  const id = alert?.id;
  useEffect(() => {
    if (id !== undefined) regionRef.current?.focus();
  }, [id]);
  return (
    <div ref={regionRef} role="alert" tabIndex={-1} className="step-alert">
      {alert && (
        <Alert key={alert.id} tone="danger" live="off" title={title}>
          {alert.message}
        </Alert>
      )}
    </div>
  );
}
