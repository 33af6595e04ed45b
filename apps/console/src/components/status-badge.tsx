import type { ReactNode } from 'react';

export interface StatusBadgeProps {
  tone: 'success' | 'danger' | 'warning' | 'neutral';
  /** The status in words; the colored dot only repeats it (WCAG 1.4.1, not color alone). */
  children: ReactNode;
}

export function StatusBadge({ tone, children }: StatusBadgeProps) {
  return (
    <span className={`status-badge status-badge--${tone}`}>
      <span className="status-badge__dot" aria-hidden="true" />
      {children}
    </span>
  );
}
