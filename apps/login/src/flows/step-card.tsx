import { Card } from '@latchkey/ui';
import { type ReactNode, useEffect, useId, useRef } from 'react';

export interface StepCardProps {
  heading: string;
  lead?: ReactNode;
  /**
   * Move focus to the heading when shown: for a page that replaced another one in place (an error
   * after a submit), so screen reader and keyboard users start reading at the new content.
   */
  focusHeading?: boolean;
  children?: ReactNode;
}

/** The card every hosted login step sits in: a heading that names it, a lead, then the step. */
export function StepCard({ heading, lead, focusHeading = false, children }: StepCardProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
  }, [focusHeading]);
  return (
    <Card as="section" padding="lg" className="login-card" aria-labelledby={headingId}>
      <div className="login-card__intro">
        <h1 id={headingId} ref={headingRef} tabIndex={focusHeading ? -1 : undefined}>
          {heading}
        </h1>
        {lead && <p className="login-card__lead">{lead}</p>}
      </div>
      {children}
    </Card>
  );
}
