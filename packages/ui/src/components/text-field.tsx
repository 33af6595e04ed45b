import { type HTMLInputAutoCompleteAttribute, type InputHTMLAttributes, type Ref, useId } from 'react';
import { cx } from './class-names.js';

export interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'autoComplete' | 'aria-describedby' | 'aria-invalid'> {
  label: string;
  /**
   * Required on purpose: password managers and autofill depend on the right token (`username`,
   * `email`, `current-password`, `new-password`, `one-time-code`…). Pass `"off"` deliberately.
   */
  autoComplete: HTMLInputAutoCompleteAttribute;
  /** Help shown under the field, read after the label. */
  hint?: string;
  /** Validation message; marks the input invalid and is read with it. */
  error?: string;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({
  label,
  hint,
  error,
  id,
  type = 'text',
  className,
  ref,
  ...rest
}: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  // Error first: the user needs to hear what is wrong before the general hint.
  const describedBy = [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ');

  return (
    <div className={cx('lk-field', error && 'lk-field--invalid', className)}>
      <label className="lk-field__label" htmlFor={inputId}>
        {label}
      </label>
      <input
        {...rest}
        ref={ref}
        id={inputId}
        type={type}
        className="lk-field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {error && (
        <p className="lk-field__error" id={errorId}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 3.25a.75.75 0 0 0-.75.75v3.5a.75.75 0 0 0 1.5 0V5A.75.75 0 0 0 8 4.25Zm0 7.5a.9.9 0 1 0 0-1.8.9.9 0 0 0 0 1.8Z"
            />
          </svg>
          {error}
        </p>
      )}
      {hint && (
        <p className="lk-field__hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
