import { describe, expect, it } from 'vitest';
import { containsText, pageOf, positionOf } from './keyset-page.js';

const rows = ['a', 'b', 'c'].map((name) => ({ name }));

describe('pageOf / positionOf', () => {
  it('gives a cursor only when there is a next page, and it leads after the last item', () => {
    const first = pageOf(
      rows,
      2,
      (r) => r.name,
      (r) => r.name,
    );
    expect(first.data).toEqual(['a', 'b']);
    expect(positionOf(first.nextCursor)).toBe('b');
    expect(
      pageOf(
        rows,
        3,
        (r) => r.name,
        (r) => r.name,
      ),
    ).toEqual({ data: ['a', 'b', 'c'] });
  });

  it('starts at the beginning without a cursor and refuses one it did not issue', () => {
    expect(positionOf(undefined)).toBeUndefined();
    expect(() => positionOf('not a cursor')).toThrow(/invalid/i);
  });
});

describe('containsText', () => {
  it('escapes LIKE wildcards so they match literally', () => {
    expect(containsText('50%_off\\')).toEqual({ contains: '50\\%\\_off\\\\', mode: 'insensitive' });
  });
});
