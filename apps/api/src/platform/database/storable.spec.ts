import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { assertStorable, MAX_JSON_DEPTH } from './storable.js';

const pathsRefused = (input: Record<string, unknown>): string[] => {
  try {
    assertStorable(input);
    return [];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (error.errors ?? []).map((e) => e.path);
  }
};

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : [nested(depth - 1)]);

describe('assertStorable', () => {
  it('accepts ordinary text, JSON and absent values', () => {
    expect(pathsRefused({ a: 'text', b: null, c: undefined, d: { e: [1, true, 'x'] } })).toEqual([]);
  });

  it('names every field holding a NUL character, in strings, arrays and object keys', () => {
    expect(pathsRefused({ givenName: 'a\u0000b', meta: { list: ['ok', 'no\u0000'], 'k\u0000': 1 } })).toEqual(
      ['givenName', 'meta.list[1]', 'meta'],
    );
  });

  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels`, () => {
    expect(pathsRefused({ meta: { a: nested(MAX_JSON_DEPTH - 2) } })).toEqual([]);
    expect(pathsRefused({ meta: { a: nested(MAX_JSON_DEPTH * 100) } })).toHaveLength(1);
  });
});
