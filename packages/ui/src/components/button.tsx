import type { ButtonHTMLAttributes, Ref } from 'react';
import { cx } from './class-names.js';
import { Spinner } from './spinner.js';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost';
  size?: 'sm' | 'md';
  /** Stretch to the container's width (single-column forms). */
  block?: boolean;
  /**
   * Shows a spinner and marks the button busy. The button stays focusable (no `disabled`), so a
   * keyboard user does not lose their place while the action runs; clicks are ignored instead.
   */
  loading?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

export function Button({
  variant = 'primary',
  size = 'md',
  block = false,
  loading = false,
  // A bare <button> submits its form; make that an explicit choice (`type="submit"`), not an accident.
  type = 'button',
  className,
  children,
  onClick,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={cx(
        'lk-button',
        `lk-button--${variant}`,
        `lk-button--${size}`,
        block && 'lk-button--block',
        className,
      )}
      aria-busy={loading || undefined}
      onClick={(event) => {
        if (loading) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {loading && <Spinner size="sm" />}
      {children}
    </button>
  );
}
