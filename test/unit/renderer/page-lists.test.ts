// How screens ask main for a window: only the search and sort that are set (and only sort keys
// the channel knows); two lists shown as one; a whole list read a window at a time when an act
// needs every id.
import { describe, expect, it } from 'vitest';
import type { PageDto } from '../../../shared/ipc/dto.ts';
import { concatPages } from '../../../renderer/lib/concat-pages.ts';
import { pageThrough } from '../../../renderer/lib/page-through.ts';
import { type PageAnswer, type PageQuery, pageRequest } from '../../../renderer/lib/page-query.ts';

const query = (over: Partial<PageQuery> = {}): PageQuery => ({
  offset: 0,
  limit: 10,
  search: '',
  sort: null,
  ...over,
});

/** A list of `n` rows named `prefix-i`, served as main serves one, counting its calls. */
function list(prefix: string, n: number) {
  const rows = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  const calls: Array<{ offset: number; limit: number }> = [];
  const fetch = (q: { offset: number; limit: number }): Promise<PageAnswer<string>> => {
    calls.push({ offset: q.offset, limit: q.limit });
    const value: PageDto<string> = {
      rows: rows.slice(q.offset, q.offset + q.limit),
      total: n,
      offset: q.offset,
    };
    return Promise.resolve({ ok: true, value });
  };
  return { fetch, calls };
}

describe('pageRequest', () => {
  it('sends the window alone when nothing is searched or sorted', () => {
    expect(pageRequest(query({ offset: 40, limit: 60 }), ['name'])).toEqual({
      offset: 40,
      limit: 60,
    });
  });

  it('sends the trimmed search and a sort the channel knows', () => {
    expect(
      pageRequest(query({ search: '  EDB1 ', sort: { key: 'name', descending: true } }), [
        'name',
        'udi',
      ]),
    ).toEqual({ offset: 0, limit: 10, search: 'EDB1', sort: { key: 'name', descending: true } });
  });

  it('leaves out a sort key the channel does not know, so main keeps its own order', () => {
    expect(pageRequest(query({ sort: { key: 'alerts', descending: false } }), ['name'])).toEqual({
      offset: 0,
      limit: 10,
    });
  });
});

describe('concatPages', () => {
  it('serves all of the first list, then the second, across the seam', async () => {
    const a = list('off', 3);
    const b = list('idle', 4);
    const both = concatPages(
      (q) => a.fetch(q),
      (q) => b.fetch(q),
    );
    const answer = await both(query({ offset: 2, limit: 3 }));
    expect(answer).toEqual({
      ok: true,
      value: { rows: ['off-2', 'idle-0', 'idle-1'], total: 7, offset: 2 },
    });
    const later = await both(query({ offset: 5, limit: 10 }));
    expect(later.ok && later.value.rows).toEqual(['idle-2', 'idle-3']);
  });

  it('passes a refusal on', async () => {
    const refused = concatPages<string>(
      () =>
        Promise.resolve({
          ok: false,
          error: { code: 'WORKSPACE_BUSY', message: '', facts: {} },
        }),
      list('x', 1).fetch,
    );
    const answer = await refused(query());
    expect(answer.ok).toBe(false);
  });
});

describe('pageThrough', () => {
  it('reads a whole list a window at a time', async () => {
    const { fetch, calls } = list('dev', 2_500);
    const all = await pageThrough((offset, limit) => fetch({ offset, limit }));
    expect(all.ok && all.value.length).toBe(2_500);
    expect(calls).toEqual([
      { offset: 0, limit: 1000 },
      { offset: 1000, limit: 1000 },
      { offset: 2000, limit: 1000 },
    ]);
  });

  it('stops at the first row the caller wants', async () => {
    const { fetch, calls } = list('out', 2_500);
    const found = await pageThrough((offset, limit) => fetch({ offset, limit }), {
      limit: 500,
      until: (row) => row === 'out-700',
    });
    expect(found.ok && found.value.at(-1)).toBe('out-700');
    expect(calls).toHaveLength(2);
  });
});
