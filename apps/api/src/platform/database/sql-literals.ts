import pg from 'pg';

/**
 * The statement with `$n` replaced by SQL literals, or undefined when a value cannot be written
 * as one (then it must be bound). A literal in quotes is an untyped constant, resolved from its
 * context exactly as an untyped bound parameter is, so `$8::int`, `LIMIT $2` or a jsonb column
 * mean the same either way. Quoting is pg's escapeLiteral (doubles quotes, and backslashes under
 * E''), which is correct whatever standard_conforming_strings says.
 */
export function inlineParameters(text: string, values: unknown[]): string | undefined {
  const literals: string[] = [];
  for (const value of values) {
    const literal = toLiteral(value);
    if (literal === undefined) return undefined;
    literals.push(literal);
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "'" || c === '"') {
      // A quoted constant or identifier of the statement itself: copied as is, `$1` inside stays.
      const end = closingQuote(text, i, c);
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (c === '$' && isDigit(text[i + 1])) {
      let j = i + 1;
      while (isDigit(text[j])) j++;
      const literal = literals[Number(text.slice(i + 1, j)) - 1];
      if (literal === undefined) throw new Error(`no value for ${text.slice(i, j)}`);
      out += literal;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
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
  return pg.escapeLiteral(text);
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
