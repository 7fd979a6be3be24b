// A list the window holds, served like main's long lists: a window at a time, searched and
// sorted, with the count of the rows that match.
import { describe, expect, it } from 'vitest';
import { localPages } from '../../../renderer/lib/local-pages.ts';
import type { PageQuery } from '../../../renderer/lib/page-query.ts';

interface Row {
  name: string;
  count: number;
}
const rows: Row[] = [
  { name: 'UCM Basic', count: 10 },
  { name: 'UCM Enhanced', count: 2 },
  { name: 'Expressway Rich Media', count: 7 },
  { name: 'UCM CUWL', count: 4 },
];
const serve = localPages(rows, (r) => r.name, { name: (r) => r.name, count: (r) => r.count });
const query = (over: Partial<PageQuery> = {}): PageQuery => ({
  offset: 0,
  limit: 10,
  search: '',
  sort: null,
  ...over,
});
const names = async (over: Partial<PageQuery> = {}) => {
  const answer = await serve(query(over));
  if (!answer.ok) throw new Error('refused');
  return { names: answer.value.rows.map((r) => r.name), total: answer.value.total };
};

describe('localPages', () => {
  it('serves the rows in their order, a window at a time, with the count', async () => {
    expect(await names({ offset: 1, limit: 2 })).toEqual({
      names: ['UCM Enhanced', 'Expressway Rich Media'],
      total: 4,
    });
  });

  it('searches, counting only the rows that match', async () => {
    expect(await names({ search: 'ucm' })).toEqual({
      names: ['UCM Basic', 'UCM Enhanced', 'UCM CUWL'],
      total: 3,
    });
  });

  it('sorts by a column, either way, and then windows the sorted rows', async () => {
    expect((await names({ sort: { key: 'count', descending: false } })).names).toEqual([
      'UCM Enhanced',
      'UCM CUWL',
      'Expressway Rich Media',
      'UCM Basic',
    ]);
    expect(
      (await names({ sort: { key: 'count', descending: true }, search: 'ucm', limit: 1 })).names,
    ).toEqual(['UCM Basic']);
  });

  it('keeps its own order for a column it cannot sort', async () => {
    expect((await names({ sort: { key: 'alerts', descending: true } })).names).toEqual(
      rows.map((r) => r.name),
    );
  });
});
