import { cx } from './class-names.js';

export interface LogoProps {
  /** Height in CSS pixels; the width follows. */
  height?: number;
  /** `mark` draws the keyhole tile alone, for tight spaces. */
  variant?: 'wordmark' | 'mark';
  className?: string;
}

/**
 * The Latchkey logo, inline so it costs no request and follows the theme (`currentColor` for the
 * word, the primary token for the tile, via classes in theme.css). `textLength` pins the word's width, so the logo keeps its
 * proportions whichever system font draws it.
 */
export function Logo({ height = 28, variant = 'wordmark', className }: LogoProps) {
  const width = variant === 'mark' ? 32 : 146;
  return (
    <svg
      className={cx('lk-logo', className)}
      role="img"
      aria-label="Latchkey"
      viewBox={`0 0 ${width} 32`}
      height={height}
      width={(height * width) / 32}
      focusable="false"
    >
      <rect className="lk-logo__tile" width="32" height="32" rx="8" />
      <circle className="lk-logo__hole" cx="16" cy="13" r="4.5" />
      <path
        className="lk-logo__hole"
        d="M14.1 15.5h3.8l1.35 8a.9.9 0 0 1-.9 1.05h-4.7a.9.9 0 0 1-.9-1.05l1.35-8Z"
      />
      {variant === 'wordmark' && (
        <text
          x="42"
          y="23"
          className="lk-logo__word"
          fontSize="21"
          fontWeight="700"
          textLength="104"
          lengthAdjust="spacingAndGlyphs"
        >
          Latchkey
        </text>
      )}
    </svg>
  );
}
