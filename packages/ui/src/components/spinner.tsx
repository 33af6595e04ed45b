import { cx } from './class-names.js';

export interface SpinnerProps {
  /**
   * What is loading, read by screen readers. Without it the spinner is decorative: use that when
   * the surrounding text or an `aria-busy` container already says so.
   */
  label?: string;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

export function Spinner({ label, size = 'md', className }: SpinnerProps) {
  const classes = cx('lk-spinner', `lk-spinner--${size}`, className);
  if (!label) return <span className={classes} aria-hidden="true" />;
  return (
    <span role="status" className="lk-spinner-wrap">
      <span className={classes} aria-hidden="true" />
      <span className="lk-visually-hidden">{label}</span>
    </span>
  );
}
