// A list the window already holds (a pool of licenses, the rows of a checked CSV) served the way
// main serves its long lists: a window at a time, searched and sorted, with the count.
import type { PageFetch } from './page-query.ts';
import { SearchIndex } from './search-index.ts';
import { type SortValue, sortIndices } from './sort-rows.ts';

export function localPages<T>(
  rows: readonly T[],
  searchKey: (row: T) => string,
  sorts: Record<string, (row: T) => SortValue>,
): PageFetch<T> {
  const index = new SearchIndex(rows, searchKey);
  const sorted = new Map<string, number[]>();
  const orderOf = (key: string | undefined, descending: boolean): number[] => {
    const valueOf = key === undefined ? undefined : sorts[key];
    if (!valueOf) return Array.from({ length: rows.length }, (_, i) => i);
    const id = `${key}|${descending}`;
    let order = sorted.get(id);
    if (!order) {
      const all = Array.from({ length: rows.length }, (_, i) => i);
      order = sortIndices(rows, all, valueOf, descending ? 'desc' : 'asc');
      sorted.set(id, order);
    }
    return order;
  };
  return (query) => {
    const order = orderOf(query.sort?.key, query.sort?.descending ?? false);
    const matched = index.filter(query.search);
    let visible = order;
    if (matched.length !== rows.length) {
      const keep = new Uint8Array(rows.length);
      for (const i of matched) keep[i] = 1;
      visible = order.filter((i) => keep[i] === 1);
    }
    const window = visible.slice(query.offset, query.offset + query.limit).map((i) => rows[i]!);
    return Promise.resolve({
      ok: true,
      value: { rows: window, total: visible.length, offset: query.offset },
    });
  };
}
