// Which rows of a long list a table shows and which it asks main for: the rows in view, plus a
// margin on each side so a little scrolling needs no new request. Pure arithmetic on indices.

/** Rows `start` (included) to `end` (excluded). */
export interface RowRange {
  start: number;
  end: number;
}

/** The most rows one request may ask for (the contract's `limit`). */
export const MAX_PAGE_ROWS = 1000;

/** The rows in view (and `overscan` more on each side) at a scroll position. */
export function rowsInView(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan: number,
): RowRange {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(first, total) - overscan);
  const end = Math.min(total, first + Math.ceil(viewportHeight / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

/**
 * What to ask main for so the rows in view are covered with `margin` rows to spare on each side.
 * `total` is null before the first answer (then nothing is clamped at the end).
 */
export function windowFor(
  visible: RowRange,
  total: number | null,
  margin: number,
  max = MAX_PAGE_ROWS,
): { offset: number; limit: number } {
  const size = Math.max(1, visible.end - visible.start);
  let start = Math.max(0, visible.start - margin);
  let end = visible.end + margin;
  if (total !== null) {
    end = Math.min(end, Math.max(total, 1));
    // Scrolled past the end (the list shrank): ask for the last rows instead of nothing.
    if (start >= end) start = Math.max(0, end - size - margin);
  }
  const limit = Math.max(1, Math.min(max, end - start));
  return { offset: start, limit };
}

/** Whether `loaded` holds every row of `visible` that exists (`total` rows in all). */
export function covers(loaded: RowRange, visible: RowRange, total: number): boolean {
  const end = Math.min(visible.end, total);
  return loaded.start <= Math.min(visible.start, end) && loaded.end >= end;
}
