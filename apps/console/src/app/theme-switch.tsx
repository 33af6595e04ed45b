import { useId, useState } from 'react';
import { applyThemePreference, readThemePreference, type TThemePreference } from '../lib/theme-preference';

const options: Array<{ value: TThemePreference; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const isPreference = (value: string): value is TThemePreference => options.some((o) => o.value === value);

/** A native select: keyboard and screen-reader support for free, and it reads as a setting. */
export function ThemeSwitch() {
  const id = useId();
  const [preference, setPreference] = useState(readThemePreference);
  return (
    <div className="theme-switch">
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        value={preference}
        onChange={(event) => {
          const next = event.target.value;
          if (!isPreference(next)) return;
          setPreference(next);
          applyThemePreference(next);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
