import type { ReactNode } from 'react';
import { cx } from './class-names.js';

export type TAlertTone = 'info' | 'success' | 'warning' | 'danger';

export interface AlertProps {
  tone?: TAlertTone;
  title?: string;
  children?: ReactNode;
  /**
   * How assistive technology announces it: `polite` (role=status) waits for a pause, `assertive`
   * (role=alert) interrupts — keep that for errors that block the user. Screen readers announce
   * changes *inside* an existing live region, so either keep the Alert mounted and change its
   * content, or wrap it in a persistent live region and pass `off`.
   */
  live?: 'polite' | 'assertive' | 'off';
  className?: string;
}

const roles = { polite: 'status', assertive: 'alert', off: undefined } as const;

// Icons repeat the tone for sighted users; the text must carry the meaning on its own.
const icons: Record<TAlertTone, string> = {
  info: 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 5.75a.75.75 0 0 0-.75.75v3.75a.75.75 0 0 0 1.5 0V7.5A.75.75 0 0 0 8 6.75Zm0-2.5a.9.9 0 1 0 0 1.8.9.9 0 0 0 0-1.8Z',
  success:
    'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm3.03 4.97a.75.75 0 0 0-1.06 0L7 8.94 6.03 7.97a.75.75 0 0 0-1.06 1.06l1.5 1.5a.75.75 0 0 0 1.06 0l3.5-3.5a.75.75 0 0 0 0-1.06Z',
  warning:
    'M7.13 1.5a1 1 0 0 1 1.74 0l6.5 11.5A1 1 0 0 1 14.5 14.5h-13a1 1 0 0 1-.87-1.5l6.5-11.5ZM8 5a.75.75 0 0 0-.75.75v3.5a.75.75 0 0 0 1.5 0v-3.5A.75.75 0 0 0 8 5Zm0 7.25a.9.9 0 1 0 0-1.8.9.9 0 0 0 0 1.8Z',
  danger:
    'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 3.25a.75.75 0 0 0-.75.75v3.5a.75.75 0 0 0 1.5 0V5A.75.75 0 0 0 8 4.25Zm0 7.5a.9.9 0 1 0 0-1.8.9.9 0 0 0 0 1.8Z',
};

export function Alert({ tone = 'info', title, children, live = 'polite', className }: AlertProps) {
  return (
    <div role={roles[live]} className={cx('lk-alert', `lk-alert--${tone}`, className)}>
      <svg
        className="lk-alert__icon"
        viewBox="0 0 16 16"
        width="18"
        height="18"
        aria-hidden="true"
        focusable="false"
      >
        <path fill="currentColor" d={icons[tone]} />
      </svg>
      <div className="lk-alert__body">
        {title && <p className="lk-alert__title">{title}</p>}
        {children && <div className="lk-alert__text">{children}</div>}
      </div>
    </div>
  );
}
