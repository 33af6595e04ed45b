/**
 * Design tokens: the one source for Latchkey's look. `src/theme.css` mirrors these as CSS custom
 * properties (`--lk-…`); `tokens.spec.ts` fails when the two drift apart. Tenant branding will
 * override a subset of them at runtime through `toCssVariables`.
 */

export type TColorScheme = 'light' | 'dark';

export interface TColorTokens {
  /** Page background, behind cards. */
  bg: string;
  /** Cards, inputs, sidebars. */
  surface: string;
  /** Hovered rows, subtle fills. */
  surfaceMuted: string;
  border: string;
  /** Input borders: at least 3:1 against `surface` (WCAG 1.4.11, non-text contrast). */
  borderStrong: string;
  text: string;
  /** Secondary text: at least 4.5:1 against `bg` and `surface`. */
  textMuted: string;
  primary: string;
  primaryHover: string;
  /** Text and icons drawn on `primary`. */
  onPrimary: string;
  focusRing: string;
  success: string;
  successSurface: string;
  warning: string;
  warningSurface: string;
  danger: string;
  dangerSurface: string;
  info: string;
  infoSurface: string;
}

export const colors: Record<TColorScheme, TColorTokens> = {
  light: {
    bg: '#f5f6f8',
    surface: '#ffffff',
    surfaceMuted: '#eef0f3',
    border: '#dfe2e7',
    borderStrong: '#8a93a1',
    text: '#161a21',
    textMuted: '#566070',
    primary: '#3451d1',
    primaryHover: '#2a43b3',
    onPrimary: '#ffffff',
    focusRing: '#3451d1',
    success: '#1a7f37',
    successSurface: '#e8f5ec',
    warning: '#8a5a00',
    warningSurface: '#fdf4dc',
    danger: '#c4242f',
    dangerSurface: '#fdecec',
    info: '#1f5fbf',
    infoSurface: '#e9f1fd',
  },
  dark: {
    bg: '#0e1116',
    surface: '#161b22',
    surfaceMuted: '#1f2630',
    border: '#2b323d',
    borderStrong: '#687182',
    text: '#e6e9ee',
    textMuted: '#9ba4b3',
    primary: '#7b93ff',
    primaryHover: '#98abff',
    onPrimary: '#0b0f1a',
    focusRing: '#98abff',
    success: '#4ac26b',
    successSurface: '#12261a',
    warning: '#d9a23a',
    warningSurface: '#2a2112',
    danger: '#ff6b6b',
    dangerSurface: '#2e1517',
    info: '#6cb6ff',
    infoSurface: '#10233a',
  },
};

/** Shadows differ per scheme: on dark surfaces a soft shadow is invisible, a darker one reads as depth. */
export const elevation: Record<TColorScheme, { card: string; raised: string }> = {
  light: {
    card: '0 1px 2px rgb(16 24 40 / 0.04), 0 1px 3px rgb(16 24 40 / 0.06)',
    raised: '0 4px 12px rgb(16 24 40 / 0.08), 0 2px 4px rgb(16 24 40 / 0.04)',
  },
  dark: {
    card: '0 1px 2px rgb(0 0 0 / 0.4)',
    raised: '0 4px 16px rgb(0 0 0 / 0.5)',
  },
};

export const radius = {
  sm: '4px',
  md: '8px',
  lg: '12px',
  full: '999px',
} as const;

/** A 4px grid; keys are steps, not pixels, so the scale can change without renaming. */
export const spacing = {
  '0': '0',
  '1': '4px',
  '2': '8px',
  '3': '12px',
  '4': '16px',
  '5': '24px',
  '6': '32px',
  '7': '48px',
  '8': '64px',
} as const;

/**
 * System fonts only: a hosted login page must not fetch fonts from a third party (privacy, CSP,
 * and one less request before the user can type).
 */
export const fontStack = {
  sans: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
  mono: 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace',
} as const;

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `primaryHover` → `--lk-color-primary-hover`. */
export const colorVar = (name: keyof TColorTokens): string => `--lk-color-${kebab(name)}`;

/** The scheme-dependent custom properties (colors and elevation), as `theme.css` declares them. */
export function toCssVariables(scheme: TColorScheme): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(colors[scheme])) vars[`--lk-color-${kebab(name)}`] = value;
  for (const [name, value] of Object.entries(elevation[scheme]))
    vars[`--lk-elevation-${kebab(name)}`] = value;
  return vars;
}

/** The scheme-independent custom properties: radius, spacing, fonts. */
export function toStaticCssVariables(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(radius)) vars[`--lk-radius-${name}`] = value;
  for (const [name, value] of Object.entries(spacing)) vars[`--lk-space-${name}`] = value;
  for (const [name, value] of Object.entries(fontStack)) vars[`--lk-font-${name}`] = value;
  return vars;
}
