// Column sorting: numbers as numbers, text by collation, blanks last, ties stable.
import { describe, expect, it } from 'vitest';
import { sortIndices } from '../../../renderer/lib/sort-rows.ts';

const rows = [
  { n: 10, s: 'b' },
  { n: 2, s: 'A' },
  { n: null, s: 'c' },
  { n: 2, s: 'a10' },
  { n: 33, s: 'a9' },
];
const all = [0, 1, 2, 3, 4];

describe('sortIndices', () => {
  it('sorts numbers numerically with blanks last and ties in original order', () => {
    expect(sortIndices(rows, all, (r) => r.n, 'asc')).toEqual([1, 3, 0, 4, 2]);
    expect(sortIndices(rows, all, (r) => r.n, 'desc')).toEqual([4, 0, 1, 3, 2]);
  });

  it('sorts text naturally (a9 before a10) and ignores case', () => {
    expect(sortIndices(rows, all, (r) => r.s, 'asc')).toEqual([1, 4, 3, 0, 2]);
  });

  it('sorts only the indices it is given', () => {
    expect(sortIndices(rows, [0, 4], (r) => r.n, 'asc')).toEqual([0, 4]);
  });
});
