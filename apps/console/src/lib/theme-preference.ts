/** The operator's choice of color scheme; `system` follows the OS (no `data-theme` attribute). */
export type TThemePreference = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'latchkey.console.theme';

export function readThemePreference(): TThemePreference {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    // Storage can be disabled (privacy settings); the OS preference is a fine default.
    return 'system';
  }
}

/** Applies the preference through `data-theme` on <html>, which @latchkey/ui's theme.css reads. */
export function applyThemePreference(preference: TThemePreference): void {
  const root = document.documentElement;
  if (preference === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', preference);
  try {
    if (preference === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, preference);
  } catch {
    // Not persisted; it still applies to this visit.
  }
}
