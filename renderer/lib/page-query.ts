// One window of a long list as a table asks for it (where, how many, search, sort), and how a
// screen turns it into its channel's request: search and sort are sent only when set.
import type { IpcResult } from '../../shared/ipc/contract.ts';
import type { PageDto } from '../../shared/ipc/dto.ts';

export interface SortChoice {
  key: string;
  descending: boolean;
}

export interface PageQuery {
  offset: number;
  limit: number;
  search: string;
  sort: SortChoice | null;
}

export type PageAnswer<T> = IpcResult<PageDto<T>>;
export type PageFetch<T> = (query: PageQuery) => Promise<PageAnswer<T>>;

/**
 * The window, search and sort of a query as a channel takes them. A sort key the channel does
 * not know (`keys`) is left out rather than sent, so main's own order applies.
 */
export function pageRequest<K extends string>(
  query: PageQuery,
  keys: readonly K[],
): { offset: number; limit: number; search?: string; sort?: { key: K; descending: boolean } } {
  const search = query.search.trim();
  const key = query.sort?.key;
  return {
    offset: query.offset,
    limit: query.limit,
    ...(search ? { search } : {}),
    ...(key && (keys as readonly string[]).includes(key)
      ? { sort: { key: key as K, descending: query.sort!.descending } }
      : {}),
  };
}
