import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { escapeLiteral, inlineParameters, textArrayLiteral } from './sql-literals.js';

describe('inlineParameters', () => {
  it('writes each value as a quoted literal in place of its $n', () => {
    expect(inlineParameters('SELECT $1, $2, $10', ['a', 2, true, 4, 5, 6, 7, 8, 9, 'ten'])).toBe(
      "SELECT 'a', '2', 'ten'",
    );
  });

  it('doubles quotes and escapes backslashes, so a value can never end its literal', () => {
    expect(inlineParameters('SELECT $1', ["o'; DROP TABLE users; --"])).toBe(
      "SELECT 'o''; DROP TABLE users; --'",
    );
    expect(inlineParameters('SELECT $1', ["a\\'b"])).toBe("SELECT  E'a\\\\''b'");
  });

  it('writes null and undefined as NULL, dates as ISO instants and plain objects as JSON', () => {
    const at = new Date('2026-11-29T12:00:00.000Z');
    expect(inlineParameters('SELECT $1, $2, $3, $4', [null, undefined, at, { a: "it's" }])).toBe(
      `SELECT NULL, NULL, '2026-11-29T12:00:00.000Z', '{"a":"it''s"}'`,
    );
  });

  it('leaves $n inside the statement’s own quoted constants and identifiers alone', () => {
    expect(inlineParameters(`SELECT '$1', "$2" FROM t WHERE a = $1 AND b = 'it''s $2'`, ['x', 'y'])).toBe(
      `SELECT '$1', "$2" FROM t WHERE a = 'x' AND b = 'it''s $2'`,
    );
  });

  it('declines values that must be bound: binary data, arrays, NUL characters', () => {
    expect(inlineParameters('SELECT $1', [Buffer.from('x')])).toBeUndefined();
    expect(inlineParameters('SELECT $1', [['a', 'b']])).toBeUndefined();
    expect(inlineParameters('SELECT $1', ['a\0b'])).toBeUndefined();
  });

  it('refuses a placeholder without a value', () => {
    expect(() => inlineParameters('SELECT $2', ['only one'])).toThrow(/no value for \$2/);
  });

  it('fills one statement with each call’s own values (the statement is scanned once)', () => {
    const text = 'UPDATE t SET a = $2 WHERE id = $1 AND b = $2';
    expect(inlineParameters(text, ['x', 1])).toBe("UPDATE t SET a = '1' WHERE id = 'x' AND b = '1'");
    expect(inlineParameters(text, ["y'", 2])).toBe("UPDATE t SET a = '2' WHERE id = 'y''' AND b = '2'");
    expect(inlineParameters('$1', ['whole'])).toBe("'whole'");
    expect(inlineParameters('SELECT 1', [])).toBe('SELECT 1');
  });
});

describe('escapeLiteral', () => {
  it("writes exactly what pg's escapeLiteral writes", () => {
    const alphabet = ["'", '\\', 'a', 'é', ' ', '"', '$', '\n', 'E'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 2000; n++) {
      let text = '';
      for (let k = next() % 12; k > 0; k--) text += alphabet[next() % alphabet.length];
      expect(escapeLiteral(text)).toBe(pg.escapeLiteral(text));
    }
  });
});

describe('textArrayLiteral', () => {
  it('quotes every element, escaping double quotes and backslashes', () => {
    expect(textArrayLiteral([])).toBe('{}');
    expect(textArrayLiteral(['a', 'b,c', 'NULL', '{x}', 'say "hi"', 'back\\slash'])).toBe(
      '{"a","b,c","NULL","{x}","say \\"hi\\"","back\\\\slash"}',
    );
  });
});
