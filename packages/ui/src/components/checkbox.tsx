import { type InputHTMLAttributes, type Ref, useId } from 'react';
import { cx } from './class-names.js';

export interface CheckboxProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'aria-describedby'> {
  label: string;
  /** Help read after the label, e.g. what "keep me signed in" means on a shared computer. */
  hint?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A native checkbox with its label beside it: the whole label toggles it, Space works as usual. */
export function Checkbox({ label, hint, id, className, ref, ...rest }: CheckboxProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  return (
    <div className={cx('lk-check', className)}>
      <input
        {...rest}
        ref={ref}
        id={inputId}
        type="checkbox"
        className="lk-check__input"
        aria-describedby={hint ? hintId : undefined}
      />
      <label className="lk-check__label" htmlFor={inputId}>
        {label}
      </label>
      {hint && (
        <p className="lk-check__hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
