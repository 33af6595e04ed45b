import { describe, expect, it } from 'vitest';
import { distinct, rejectedEntries } from './id-lists.js';

describe('distinct', () => {
  it('keeps the first occurrence of each id, in order', () => {
    expect(distinct(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });
});

describe('rejectedEntries', () => {
  it('names each refused entry by its index in the request, repeats included', () => {
    const known = new Set(['ok']);
    const verdict = (id: string) => (known.has(id) ? null : id === 'gone' ? 'deleted' : 'unknown');
    expect(rejectedEntries('userIds', ['ok', 'x', 'gone', 'x'], verdict)).toEqual([
      { path: 'userIds[1]', reason: 'unknown' },
      { path: 'userIds[2]', reason: 'deleted' },
      { path: 'userIds[3]', reason: 'unknown' },
    ]);
    expect(rejectedEntries('userIds', ['ok'], verdict)).toEqual([]);
  });
});
