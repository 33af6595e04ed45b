import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCssVariables, toStaticCssVariables } from './tokens.js';

// theme.css is hand-written (no build step for CSS); this keeps it honest against tokens.ts.
// Quotes normalized: the formatter may write attribute selectors with either.
const css = readFileSync(new URL('../theme.css', import.meta.url), 'utf8').replaceAll("'", '"');

/** The custom properties declared in the first rule whose selector is exactly `selector`. */
function declarations(selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const block = new RegExp(`(?:^|\\n)\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(css)?.[1];
  if (block === undefined) throw new Error(`theme.css has no rule for ${selector}`);
  const vars: Record<string, string> = {};
  for (const [, name, value] of block.matchAll(/(--lk-[\w-]+)\s*:\s*([^;]+);/g)) {
    if (name && value) vars[name] = value.replace(/\s+/g, ' ').trim(); // the formatter may wrap long values
  }
  return vars;
}

describe('theme.css', () => {
  it('declares the light scheme and the static tokens on :root', () => {
    expect(declarations(':root')).toEqual({ ...toCssVariables('light'), ...toStaticCssVariables() });
  });

  it('declares the dark scheme for prefers-color-scheme and for data-theme="dark" alike', () => {
    const dark = toCssVariables('dark');
    expect(declarations(':root:not([data-theme="light"])')).toEqual(dark);
    expect(declarations(':root[data-theme="dark"]')).toEqual(dark);
  });
});
