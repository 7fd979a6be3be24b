// Sorting row indices by a column value: numbers numerically, text by the language's collation.

export type SortValue = string | number | null | undefined;
export type SortDirection = 'asc' | 'desc';

export function sortIndices<T>(
  rows: readonly T[],
  indices: readonly number[],
  valueOf: (row: T) => SortValue,
  direction: SortDirection,
  collator: Intl.Collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }),
): number[] {
  const values = new Map<number, SortValue>();
  for (const i of indices) values.set(i, valueOf(rows[i]!));
  const sign = direction === 'asc' ? 1 : -1;
  return [...indices].sort((a, b) => {
    const va = values.get(a);
    const vb = values.get(b);
    if (va == null || vb == null) return va == null ? (vb == null ? a - b : 1) : -1;
    const order =
      typeof va === 'number' && typeof vb === 'number'
        ? va - vb
        : collator.compare(String(va), String(vb));
    return order === 0 ? a - b : sign * order;
  });
}
