import { type Ref, useId } from 'react';
import { cx } from './class-names.js';

export interface TRadioOption {
  value: string;
  label: string;
  /** A second, quieter line; read as the option's description, not as part of its name. */
  description?: string;
}

export interface RadioGroupProps {
  /** Names the group for screen readers (a `<legend>`); `hideLegend` keeps it off screen. */
  legend: string;
  hideLegend?: boolean;
  /** The form field name shared by the radios. */
  name: string;
  options: TRadioOption[];
  /** The chosen value; `undefined` while nothing is chosen. */
  value: string | undefined;
  onChange: (value: string) => void;
  /** Marks the group invalid and is read with it. */
  error?: string;
  /** The first radio, to move focus to the group (e.g. after an error). */
  firstRef?: Ref<HTMLInputElement>;
  className?: string;
}

/**
 * Native radios in a fieldset, each drawn as a selectable row. Native on purpose: one Tab stop for
 * the group, arrow keys to move, Space to choose — what keyboard and screen reader users expect.
 */
export function RadioGroup({
  legend,
  hideLegend = false,
  name,
  options,
  value,
  onChange,
  error,
  firstRef,
  className,
}: RadioGroupProps) {
  const baseId = useId();
  const errorId = `${baseId}-error`;
  return (
    <fieldset
      className={cx('lk-radio-group', error && 'lk-radio-group--invalid', className)}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className={cx('lk-radio-group__legend', hideLegend && 'lk-visually-hidden')}>{legend}</legend>
      {options.map((option, index) => {
        const labelId = `${baseId}-${index}-label`;
        const descriptionId = `${baseId}-${index}-description`;
        return (
          // The whole row is the click target; aria-labelledby keeps the description out of the name.
          <label key={option.value} className="lk-radio">
            <input
              ref={index === 0 ? firstRef : undefined}
              type="radio"
              className="lk-radio__input"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-labelledby={labelId}
              aria-describedby={option.description ? descriptionId : undefined}
            />
            <span className="lk-radio__text">
              <span className="lk-radio__label" id={labelId}>
                {option.label}
              </span>
              {option.description && (
                <span className="lk-radio__description" id={descriptionId}>
                  {option.description}
                </span>
              )}
            </span>
          </label>
        );
      })}
      {error && (
        <p className="lk-field__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
