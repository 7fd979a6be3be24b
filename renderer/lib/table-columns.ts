// How a DataTable column is described: a header, how it sorts, alignment and width.
import type { SortValue } from './sort-rows.ts';

export interface Column<T> {
  /** For a list main pages, also the sort key main is asked for. */
  id: string;
  label: string;
  /**
   * `true`: main sorts the list by this column's id; a function: the value a list held in the
   * window sorts by. Absent: the column does not sort.
   */
  sort?: true | ((row: T) => SortValue);
  align?: 'start' | 'end';
  width?: string;
}

/** The sort values of the columns that sort in the window (for `localPages`). */
export function localSorts<T>(
  columns: readonly Column<T>[],
): Record<string, (row: T) => SortValue> {
  const sorts: Record<string, (row: T) => SortValue> = {};
  for (const column of columns)
    if (typeof column.sort === 'function') sorts[column.id] = column.sort;
  return sorts;
}
