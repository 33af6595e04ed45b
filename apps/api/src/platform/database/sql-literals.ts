/**
 * The statement with `$n` replaced by SQL literals, or undefined when a value cannot be written
 * as one (then it must be bound). A literal in quotes is an untyped constant, resolved from its
 * context exactly as an untyped bound parameter is, so `$8::int`, `LIMIT $2` or a jsonb column
 * mean the same either way. Quoting is pg's escapeLiteral's (doubles quotes, and backslashes under
 * E''), which is correct whatever standard_conforming_strings says.
 */
export function inlineParameters(text: string, values: unknown[]): string | undefined {
  const literals = literalsOf(values);
  if (literals === undefined) return undefined;
  const { chunks, slots } = templateOf(text);
  let out = chunks[0] as string;
  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k] as number;
    const literal = literals[slot];
    if (literal === undefined) throw new Error(`no value for $${slot + 1}`);
    out += literal + (chunks[k + 1] as string);
  }
  return out;
}

/**
 * The values as an `EXECUTE name(…)` argument list (empty for none), or undefined when one cannot be
 * written as a literal. The literals are untyped, so each takes its parameter's type.
 */
export function executeArguments(values: unknown[]): string | undefined {
  const literals = literalsOf(values);
  if (literals === undefined) return undefined;
  return literals.length === 0 ? '' : `(${literals.join(', ')})`;
}

/**
 * A text[] in PostgreSQL's array input syntax, `{"a","b"}`: each element double-quoted with `"`
 * and `\` escaped, so commas, braces or the word NULL inside an element stay one text element. It
 * travels as an ordinary string value, to a parameter cast to `text[]`.
 */
export function textArrayLiteral(values: readonly string[]): string {
  const elements = values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
  return `{${elements.join(',')}}`;
}

function literalsOf(values: unknown[]): string[] | undefined {
  const literals: string[] = [];
  for (const value of values) {
    const literal = toLiteral(value);
    if (literal === undefined) return undefined;
    literals.push(literal);
  }
  return literals;
}

/**
 * A statement cut at its placeholders: `chunks[0] $slots[0] chunks[1] … chunks[n]`. Statements are
 * the code's own constants, so each is scanned once; copying it a character at a time on every
 * query allocated more than the rest of a sign-in's queries together (docs/benchmarks.md).
 */
interface Template {
  chunks: string[];
  /** Zero-based value index of each placeholder. */
  slots: number[];
}

/** Distinct statement texts kept; past it the cache starts over (a dynamic text must not grow it). */
const MAX_TEMPLATES = 512;
const templates = new Map<string, Template>();

function templateOf(text: string): Template {
  let template = templates.get(text);
  if (!template) {
    template = scan(text);
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    templates.set(text, template);
  }
  return template;
}

function scan(text: string): Template {
  const chunks: string[] = [];
  const slots: number[] = [];
  let chunkStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "'" || c === '"') {
      // A quoted constant or identifier of the statement itself: copied as is, `$1` inside stays.
      i = closingQuote(text, i, c) + 1;
    } else if (c === '$' && isDigit(text[i + 1])) {
      let j = i + 1;
      while (isDigit(text[j])) j++;
      chunks.push(text.slice(chunkStart, i));
      slots.push(Number(text.slice(i + 1, j)) - 1);
      chunkStart = j;
      i = j;
    } else {
      i++;
    }
  }
  chunks.push(text.slice(chunkStart));
  return { chunks, slots };
}

function toLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    text = String(value);
  else if (value instanceof Date) text = value.toISOString();
  else if (isPlainObject(value)) text = JSON.stringify(value);
  else return undefined;
  // A NUL would end the simple-protocol message early: such values go bound (and are refused there).
  if (text.includes('\0')) return undefined;
  return escapeLiteral(text);
}

/**
 * pg's escapeLiteral, without its character-by-character copy: quotes doubled; with a backslash,
 * backslashes doubled too and the literal written as ` E'…'` (the spec checks both agree).
 */
export function escapeLiteral(text: string): string {
  const quoted = text.includes("'") ? text.replaceAll("'", "''") : text;
  if (!text.includes('\\')) return `'${quoted}'`;
  return ` E'${quoted.replaceAll('\\', '\\\\')}'`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function closingQuote(text: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i;
    } else i++;
  }
  throw new Error('unterminated quote in statement');
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
