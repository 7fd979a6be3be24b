// The instances table's windows come from SQL (an index chooses the window, the records are read by
// rowid): every filter, search, sort and offset must give exactly the rows a plain reading of the
// whole list in JavaScript gives, in the same order, with the same total.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTransferFile } from '../../../shared/transfer/transfer-file.ts';
import type { InstanceDto } from '../../../shared/ipc/dto.ts';
import { nodeHasher } from '../../../electron/services/crypto-node.ts';
import { PASSPHRASE, type Side, TAGS, call, openDesk, openSite } from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

let desk: Side;
let all: InstanceDto[];

function fileOf(
  kind: 'authorization' | 'confirmation',
  entries: Array<{ code: string; udi: string }>,
) {
  return writeTransferFile(
    {
      createdAt: new Date().toISOString(),
      from:
        kind === 'authorization'
          ? { workspace: 'License desk', side: 'authority' }
          : { workspace: 'Plant A', side: 'site' },
      entries: entries.map((e) => ({ kind, ...e })),
    },
    nodeHasher,
  );
}

beforeAll(async () => {
  desk = await openDesk(tempDir('instance-page-desk'), 100);
  const site = await openSite(tempDir('instance-page-site'), desk);
  const a = { workspaceId: desk.workspaceId };
  const s = { workspaceId: site.workspaceId };
  await call(desk.router, 'authority.unlock', { ...a, passphrase: PASSPHRASE });
  await call(desk.router, 'authority.addVirtualAccount', { ...a, name: 'Spare' });
  await call(desk.router, 'authority.loadCatalog', {
    ...a,
    va: 'Spare',
    catalog: 'ucm',
    count: 100,
  });
  const rows = ['name,product,pid,sn,uuid'];
  // Names that sort differently from their creation order, serials that share a search string.
  for (let n = 1; n <= 24; n++)
    rows.push(
      `${String.fromCharCode(122 - n)}-node,ucm,UCM,Q${n % 7}X${n},${n.toString(16).padStart(8, '0')}${'ab12'.repeat(6)}`,
    );
  await call(site.router, 'site.addDevices', { ...s, csv: rows.join('\n'), dryRun: false });
  const codes = (await call(site.router, 'site.requestBatch', s)).items.map((i) => i.code!);
  const selection = { type: 'SLR' as const, licenses: { [TAGS.enhanced]: 1 } };
  const lab = await call(desk.router, 'authority.reserveBatch', {
    ...a,
    va: 'Lab',
    requestCodes: codes.slice(0, 14),
    selection,
  });
  await call(desk.router, 'authority.reserveBatch', {
    ...a,
    va: 'Spare',
    requestCodes: codes.slice(14),
    selection,
  });
  // Half of Lab's are installed and confirmed; the rest stay not confirmed.
  const imported = await call(site.router, 'transfer.import', {
    ...s,
    fileName: 'codes.airlock',
    text: fileOf(
      'authorization',
      lab.items.slice(0, 7).map((i) => ({ code: i.code!, udi: i.udi! })),
    ),
  });
  const installed = await call(site.router, 'site.installBatch', {
    ...s,
    itemIds: imported.items.map((i) => i.id),
  });
  await call(desk.router, 'transfer.import', {
    ...a,
    fileName: 'confirmations.airlock',
    text: fileOf(
      'confirmation',
      installed.items.map((i) => ({ code: i.code!, udi: i.udi! })),
    ),
  });
  all = (await call(desk.router, 'authority.instancePage', { ...a, offset: 0, limit: 1000 })).rows;
  expect(all).toHaveLength(24);
});

type Query = {
  va?: string;
  state?: 'reserved' | 'not-confirmed' | 'active';
  search?: string;
  sort?: { key: 'name' | 'udi' | 'va' | 'createdAt'; descending?: boolean };
};

/** What the page should hold, read from the whole list in JavaScript. */
function expected(query: Query, offset: number, limit: number): { ids: string[]; total: number } {
  const search = query.search?.toLowerCase();
  const rows = all.filter(
    (i) =>
      (query.va === undefined || i.va === query.va) &&
      (query.state === undefined ||
        (query.state === 'not-confirmed'
          ? i.state === 'reserved' && !i.confirmed
          : i.state === 'reserved')) &&
      (search === undefined || [i.id, i.udi, i.name].some((t) => t.toLowerCase().includes(search))),
  );
  const key = query.sort?.key ?? 'createdAt';
  const value = (i: InstanceDto) =>
    key === 'name' ? i.name : key === 'udi' ? i.udi : key === 'va' ? i.va : '';
  const position = (i: InstanceDto) => all.indexOf(i);
  const sorted = [...rows].sort((x, y) => {
    const a = value(x);
    const b = value(y);
    const by = a < b ? -1 : a > b ? 1 : position(x) - position(y);
    return query.sort?.descending ? -by : by;
  });
  return { ids: sorted.slice(offset, offset + limit).map((i) => i.id), total: rows.length };
}

describe('a window of the instances table', () => {
  const queries: Query[] = [
    {},
    { va: 'Lab' },
    { state: 'not-confirmed' },
    { va: 'Lab', state: 'not-confirmed', sort: { key: 'name' } },
    { search: 'q3x' },
    { search: 'Q3X', va: 'Spare', sort: { key: 'name', descending: true } },
    { search: '-node', sort: { key: 'udi' } },
    { sort: { key: 'va', descending: true } },
    { search: 'nothing like it' },
    { search: '%' },
  ];
  for (const query of queries)
    for (const [offset, limit] of [
      [0, 5],
      [3, 7],
      [20, 10],
    ] as const)
      it(`${JSON.stringify(query)} rows ${offset}–${offset + limit}`, async () => {
        const page = await call(desk.router, 'authority.instancePage', {
          workspaceId: desk.workspaceId,
          ...query,
          offset,
          limit,
        });
        const want = expected(query, offset, limit);
        expect({ ids: page.rows.map((r) => r.id), total: page.total }).toEqual(want);
      });
});
