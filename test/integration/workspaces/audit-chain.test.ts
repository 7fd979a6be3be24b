// The workspace's hash-chained audit log checked through `workspace.verifyAudit`, as the app and
// `airlock audit verify` do: an edited, removed or cut-off line is found and its place named.

import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Side,
  call,
  filesOf,
  openDesk,
  openSite,
  reopen,
  requestingDevice,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

let desk: Side;
let site: Side;
let lines: string[];

beforeAll(async () => {
  desk = await openDesk(tempDir('audit-desk'));
});
beforeEach(async () => {
  site = await openSite(tempDir('audit-site'), desk);
  await requestingDevice(site);
  await requestingDevice(site);
  lines = readFileSync(filesOf(site).audit, 'utf8').trimEnd().split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(8);
});
afterAll(removeTempDirs);

/** Rewrites the log between two runs of the app, then verifies it from a fresh start. */
async function verifyAfter(rewrite: (lines: string[]) => string[]) {
  writeFileSync(filesOf(site).audit, `${rewrite([...lines]).join('\n')}\n`);
  return call(reopen(site).router, 'workspace.verifyAudit', { workspaceId: site.workspaceId });
}

describe('workspace.verifyAudit', () => {
  it('finds an intact log of both sides ok, every entry counted', async () => {
    expect(
      await call(site.router, 'workspace.verifyAudit', { workspaceId: site.workspaceId }),
    ).toEqual({ ok: true, entries: lines.length });
    const deskCheck = await call(desk.router, 'workspace.verifyAudit', {
      workspaceId: desk.workspaceId,
    });
    expect(deskCheck.ok).toBe(true);
    expect(deskCheck.entries).toBeGreaterThan(0);
  });

  it('reports an edited line as the first broken one, with the intact entries before it', async () => {
    const result = await verifyAfter((all) => {
      const entry = JSON.parse(all[3]!) as { details?: Record<string, unknown> };
      all[3] = JSON.stringify({ ...entry, details: { ...entry.details, udi: 'P:UCM,S:forged' } });
      return all;
    });
    expect(result).toEqual({ ok: false, entries: 3, firstBrokenAt: 4 });
  });

  it('reports a line taken out of the middle', async () => {
    const result = await verifyAfter((all) => all.filter((_, n) => n !== 2));
    expect(result).toEqual({ ok: false, entries: 2, firstBrokenAt: 3 });
  });

  it('reports a log cut short below what the workspace document last saw', async () => {
    const head = (
      JSON.parse(readFileSync(filesOf(site).store, 'utf8')) as {
        auditHead: { seq: number };
      }
    ).auditHead;
    const kept = head.seq - 2;
    const result = await verifyAfter((all) => all.slice(0, kept));
    expect(result).toEqual({ ok: false, entries: kept, firstBrokenAt: kept + 1 });
  });

  it('reports a line re-chained by someone who recomputed its hash but not the next one', async () => {
    const result = await verifyAfter((all) => {
      // A rewritten entry 5 with a fresh hash would need every later line rewritten too.
      const entry = JSON.parse(all[4]!) as Record<string, unknown>;
      all[4] = JSON.stringify({ ...entry, hash: 'f'.repeat(64) });
      return all;
    });
    expect(result).toMatchObject({ ok: false, entries: 4, firstBrokenAt: 5 });
  });
});
