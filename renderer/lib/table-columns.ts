// How a DataTable column is described: a header, an optional sort value, alignment and width.
import type { SortValue } from './sort-rows.ts';

export interface Column<T> {
  id: string;
  label: string;
  sort?: (row: T) => SortValue;
  align?: 'start' | 'end';
  width?: string;
}
