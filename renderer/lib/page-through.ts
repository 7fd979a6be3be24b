// Reads a long list from main a window at a time, to the end or until the caller has what it
// wants — for the few acts that need every matching id (export all waiting, a batch of chosen
// devices), never to show a list.
import type { ErrorDto } from '../../shared/ipc/dto.ts';
import type { PageAnswer } from './page-query.ts';
import { MAX_PAGE_ROWS } from './row-window.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

export async function pageThrough<T>(
  fetch: (offset: number, limit: number) => Promise<PageAnswer<T>>,
  options: { limit?: number; until?: (row: T) => boolean } = {},
): Promise<Outcome<T[]>> {
  const limit = options.limit ?? MAX_PAGE_ROWS;
  const rows: T[] = [];
  for (let offset = 0; ; offset += limit) {
    const result = await fetch(offset, limit);
    if (!result.ok) return result;
    for (const row of result.value.rows) {
      rows.push(row);
      if (options.until?.(row)) return { ok: true, value: rows };
    }
    if (result.value.rows.length < limit || offset + limit >= result.value.total) break;
  }
  return { ok: true, value: rows };
}
